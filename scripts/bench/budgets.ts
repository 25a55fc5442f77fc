/** What one bench run measured. Times are medians in milliseconds; sizes are bytes. */
export interface Figures {
  appStartupGzip: number;
  reactFloorGzip: number;
  mockCodeFiles: string[];
  /** Navigation to an enabled username field in the DOM, median. */
  usableFormMs: number;
  /** Every run's time, for the spread. */
  usableFormRuns: number[];
  usableFormSlowRuns: number[];
  submitRuns: number[];
  staticFormMs: number;
  usableFormSlowMs: number;
  staticFormSlowMs: number;
  /** First contentful paint (the form, painted), medians; absent in figures from before issue 12. */
  paintedFormMs?: number;
  staticPaintedMs?: number;
  paintedFormSlowMs?: number;
  staticPaintedSlowMs?: number;
  /** The largest sum of layout shifts of one load, until the page took over and the server answered. */
  layoutShift?: number;
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
 * The budgets a bench run must hold (issue 12): sizes as the project's rule has them (1.5 × React
 * alone), the time to a usable form as a ratio to a static HTML form served the same way (the
 * physical floor, measured in the same run on the same machine, so the ratio travels between
 * machines where milliseconds do not), no layout shift, and the HTTP mock's throughput and memory.
 */
export const BUDGETS: Record<string, Budget> = {
  startupSize: {
    label: 'Start-up JS + CSS (gzip) ÷ React alone',
    value: (f) => f.appStartupGzip / f.reactFloorGzip,
    kind: 'max',
    limit: 1.5,
    format: times,
  },
  noMockCode: {
    label: 'Files of the production build with mock or MSW code',
    value: (f) => f.mockCodeFiles.length,
    kind: 'max',
    limit: 0,
    format: (value) => String(value),
  },
  usableForm: {
    label: 'Time to a usable form ÷ static form (median, loopback)',
    value: (f) => f.usableFormMs / f.staticFormMs,
    kind: 'max',
    limit: 1.5,
    format: times,
  },
  usableFormSlow: {
    label: 'Same, 4× CPU throttling',
    value: (f) => f.usableFormSlowMs / f.staticFormSlowMs,
    kind: 'max',
    limit: 1.5,
    format: times,
  },
  layoutShift: {
    label: 'Layout shift, first paint to the page taken over (largest of the runs)',
    value: (f) => f.layoutShift,
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
