/** What one bench run measured. Times are medians in milliseconds; sizes are bytes. */
export interface Figures {
  appStartupGzip: number;
  reactFloorGzip: number;
  mockCodeFiles: string[];
  usableFormMs: number;
  /** Every run's time, for the spread. */
  usableFormRuns: number[];
  usableFormSlowRuns: number[];
  submitRuns: number[];
  staticFormMs: number;
  usableFormSlowMs: number;
  staticFormSlowMs: number;
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
  value: (figures: Figures) => number;
  /** `max`: the value must not exceed the limit; `min`: it must not fall below. */
  kind: 'max' | 'min';
  limit: number;
  format: (value: number) => string;
}

const times = (value: number) => `${value.toFixed(2)}×`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/**
 * The budgets a bench run must hold. The size budget is the project's rule (1.5 × React alone);
 * the others are set with headroom over the figures in docs/performance.md, to catch regressions
 * on any ordinary machine, not to flatter this one.
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
  // Time budgets in absolute terms, as people feel them: within 1 s flow is kept (Nielsen), and
  // 2.5 s is the "good" Largest Contentful Paint (Core Web Vitals), for the phone-like 4× case.
  // The ratio to a static form is reported beside them (docs/performance.md).
  usableForm: {
    label: 'Time to a usable form (median, loopback)',
    value: (f) => f.usableFormMs,
    kind: 'max',
    limit: 1000,
    format: ms,
  },
  usableFormSlow: {
    label: 'Same, 4× CPU throttling',
    value: (f) => f.usableFormSlowMs,
    kind: 'max',
    limit: 2500,
    format: ms,
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
    limit: 300,
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
    const value = budget.value(figures);
    return { budget, value, holds: budget.kind === 'max' ? value <= budget.limit : value >= budget.limit };
  });
}

export function brokenBudgets(figures: Figures): string[] {
  return verdicts(figures)
    .filter(({ holds }) => !holds)
    .map(({ budget, value }) => `${budget.label}: ${budget.format(value)} (budget ${budget.format(budget.limit)})`);
}
