import { seededRandom } from 'matrix-mock-homeserver';
/** The middle value (the mean of the two middle ones for an even count). */
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The value below which `share` of the values fall (nearest rank). */
export const quantile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? NaN;
};

/** The app's time over the static form's, with how sure the run is of it. */
export interface Ratio {
  /** Median of the app's runs ÷ median of the static form's. */
  value: number;
  /** The 95 % bootstrap interval of that ratio: where it would fall in most repeats of the run. */
  low: number;
  high: number;
}

/**
 * The ratio of medians, and its 95 % interval by resampling the runs (paired: run `i` of the app
 * and of the form were taken back to back, so they are drawn together). A budget read against the
 * interval says whether it holds for a reason or by the luck of one run.
 */
export function ratioOfMedians(app: number[], form: number[], resamples = 2000): Ratio {
  const value = median(app) / median(form);
  const random = seededRandom(app.length * 7919 + form.length);
  const ratios: number[] = [];
  const pairs = Math.min(app.length, form.length);
  for (let resample = 0; resample < resamples; resample++) {
    const a: number[] = [];
    const f: number[] = [];
    for (let draw = 0; draw < pairs; draw++) {
      const index = Math.floor(random() * pairs);
      a.push(app[index] ?? NaN);
      f.push(form[index] ?? NaN);
    }
    ratios.push(median(a) / median(f));
  }
  ratios.sort((x, y) => x - y);
  const at = (share: number) => ratios[Math.min(ratios.length - 1, Math.floor(share * ratios.length))] ?? NaN;
  return { value, low: at(0.025), high: at(0.975) };
}
