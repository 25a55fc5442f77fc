import { ratioOfMedians, ratioWithSharedBrowserPart, type Ratio } from './ratio';

/** One visitor's loads at one speed: every run of the app and of the static form, taken in turn. */
export interface VisitorFigures {
  id: string;
  label: string;
  cpuSlowdown: number;
  /** Navigation to a visible, enabled username field, in the visitor's language (ms). */
  app: number[];
  form: number[];
  /** Navigation to the document's creation, the browser's part of the same loads (ms); absent before decision 030. */
  appDocument?: number[];
  formDocument?: number[];
  /** First contentful paint of the same loads (ms). */
  appPainted: number[];
  formPainted: number[];
}

/** What one bench run measured. Times are medians in milliseconds; sizes are bytes. */
export interface Figures {
  /** Start-up code and data for a visitor in the build's language (size.ts); absent before issue 24: JS + CSS files. */
  appStartupGzip: number;
  /** The same for a visitor in another language (their own first messages); absent before issue 24. */
  appStartupOtherGzip?: number;
  /** The whole index.html, gzip; absent before issue 24. */
  appDocumentGzip?: number;
  reactFloorGzip: number;
  /** Each visitor at each speed (issue 24); absent in older runs, which have the fields below. */
  visitors?: VisitorFigures[];
  mockCodeFiles: string[];
  /** Before issue 24: navigation to an enabled username field in the DOM (English browser), median. */
  usableFormMs?: number;
  usableFormRuns?: number[];
  usableFormSlowRuns?: number[];
  staticFormMs?: number;
  usableFormSlowMs?: number;
  staticFormSlowMs?: number;
  submitRuns: number[];
  /** First contentful paint (the form, painted), medians; absent in figures from before issue 12. */
  paintedFormMs?: number;
  staticPaintedMs?: number;
  paintedFormSlowMs?: number;
  staticPaintedSlowMs?: number;
  /** The largest sum of layout shifts of one load, until the page took over and the server answered. */
  layoutShift?: number;
  /** The same for a visitor in another language, whose first paint the page puts in place (issue 24). */
  layoutShiftOther?: number;
  submitToSuccessMs: number;
  registrationsPerSecond: number;
  accounts: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
}

interface Budget {
  label: string;
  /** Undefined when the figures do not hold what it needs (older runs). */
  value: (figures: Figures) => number | undefined;
  /** `max`: the value must not exceed the limit; `min`: it must not fall below. */
  kind: 'max' | 'min';
  limit: number;
  format: (value: number) => string;
}

const times = (value: number) => `${value.toFixed(2)}×`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/**
 * A visitor's time to a usable form over the static form's: with the browser's part shared by both
 * pages (decision 030), or, in runs from before it, the ratio of whole medians.
 */
export const usableRatioOf = (visitor: VisitorFigures): Ratio =>
  visitor.appDocument && visitor.formDocument
    ? ratioWithSharedBrowserPart(
        { usable: visitor.app, document: visitor.appDocument },
        { usable: visitor.form, document: visitor.formDocument },
      )
    : ratioOfMedians(visitor.app, visitor.form);

/** A visitor's ratio to the static form at one speed, from the figures (undefined in older runs). */
const usableRatio = (figures: Figures, id: string, cpuSlowdown: number) => {
  const found = figures.visitors?.find((visitor) => visitor.id === id && visitor.cpuSlowdown === cpuSlowdown);
  return found ? usableRatioOf(found).value : undefined;
};

/** The visitors whose time has a budget, as `visitors.ts` names them. */
export const TIMED_VISITORS = [
  { id: 'build', label: 'in the build’s language' },
  { id: 'other', label: 'in another language' },
  { id: 'rtl', label: 'in a right-to-left language' },
] as const;

const USABLE_LIMIT = 1.3;

/**
 * The budgets a bench run must hold: start-up code and data for one visitor at most 1.3 × React
 * alone (issue 24; it was 1.5 × with JS and CSS files only), the time to a usable form for each
 * visitor as a ratio to a static HTML form in their language served the same way (the physical
 * floor, measured in the same run on the same machine, so the ratio travels between machines where
 * milliseconds do not) at most 1.3 ×, unthrottled and at 4× CPU, no layout shift for either
 * visitor, and the HTTP mock's throughput and memory.
 */
export const BUDGETS: Record<string, Budget> = {
  startupSize: {
    label: 'Start-up code and data for one visitor (gzip) ÷ React alone',
    value: (f) => Math.max(f.appStartupGzip, f.appStartupOtherGzip ?? 0) / f.reactFloorGzip,
    kind: 'max',
    limit: 1.3,
    format: times,
  },
  noMockCode: {
    label: 'Files of the production build with mock or MSW code',
    value: (f) => f.mockCodeFiles.length,
    kind: 'max',
    limit: 0,
    format: (value) => String(value),
  },
  ...Object.fromEntries(
    TIMED_VISITORS.flatMap((visitor) =>
      [1, 4].map((cpuSlowdown) => [
        `usable-${visitor.id}-${String(cpuSlowdown)}x`,
        {
          label: `Time to a usable form ÷ static form, visitor ${visitor.label}, ${cpuSlowdown === 1 ? 'unthrottled' : `${String(cpuSlowdown)}× CPU`}`,
          value: (f: Figures) => usableRatio(f, visitor.id, cpuSlowdown),
          kind: 'max' as const,
          limit: USABLE_LIMIT,
          format: times,
        },
      ]),
    ),
  ),
  layoutShift: {
    label: 'Layout shift, first paint to the page taken over (largest of the runs, both visitors)',
    value: (f) => (f.layoutShift === undefined ? undefined : Math.max(f.layoutShift, f.layoutShiftOther ?? 0)),
    kind: 'max',
    limit: 0,
    format: (value) => value.toFixed(4),
  },
  submit: {
    label: 'Submit to success screen (mock mode)',
    value: (f) => f.submitToSuccessMs,
    kind: 'max',
    limit: 250,
    format: ms,
  },
  throughput: {
    label: 'HTTP mock: registrations per second, 50 clients',
    value: (f) => f.registrationsPerSecond,
    kind: 'min',
    limit: 2000,
    format: (value) => value.toFixed(0),
  },
  memory: {
    label: 'HTTP mock: heap per account after 100,000',
    value: (f) => (f.heapAfter - f.heapBefore) / Math.max(1, f.accounts),
    kind: 'max',
    limit: 2048,
    format: (value) => `${value.toFixed(0)} B`,
  },
};

/** Each budget with the run's value and whether it holds. */
export function verdicts(figures: Figures) {
  return Object.values(BUDGETS).map((budget) => {
    const value = budget.value(figures) ?? NaN;
    return { budget, value, holds: budget.kind === 'max' ? value <= budget.limit : value >= budget.limit };
  });
}

export function brokenBudgets(figures: Figures): string[] {
  return verdicts(figures)
    .filter(({ holds }) => !holds)
    .map(({ budget, value }) => `${budget.label}: ${budget.format(value)} (budget ${budget.format(budget.limit)})`);
}
