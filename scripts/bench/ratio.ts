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
 * The 95 % interval of an estimate by resampling `pairs` paired runs (run `i` of the app and of the
 * form were taken back to back, so they are drawn together), with a fixed seed: the same runs always
 * give the same interval.
 */
function resampledInterval(pairs: number, seed: number, estimate: (drawn: number[]) => number, resamples: number) {
  const random = seededRandom(seed);
  const estimates: number[] = [];
  for (let resample = 0; resample < resamples; resample++)
    estimates.push(estimate(Array.from({ length: pairs }, () => Math.floor(random() * pairs))));
  estimates.sort((x, y) => x - y);
  const at = (share: number) => estimates[Math.min(estimates.length - 1, Math.floor(share * estimates.length))] ?? NaN;
  return { low: at(0.025), high: at(0.975) };
}

const drawnFrom = (values: number[], drawn: number[]) => drawn.map((index) => values[index] ?? NaN);

/**
 * The ratio of medians, and its 95 % interval by resampling the paired runs. A budget read against
 * the interval says whether it holds for a reason or by the luck of one run.
 */
export function ratioOfMedians(app: number[], form: number[], resamples = 2000): Ratio {
  const estimate = (drawn: number[]) => median(drawnFrom(app, drawn)) / median(drawnFrom(form, drawn));
  const pairs = Math.min(app.length, form.length);
  const all = Array.from({ length: pairs }, (_, index) => index);
  return {
    value: estimate(all),
    ...resampledInterval(pairs, app.length * 7919 + form.length, estimate, resamples),
  };
}

/** One page's cold loads, each split where the document is created. */
export interface SplitLoads {
  /** Navigation start to the document's creation: the browser's part (request, response, commit). */
  document: number[];
  /** Navigation start to a usable form. */
  usable: number[];
}

/**
 * The two pages' times to a usable form, each the median of the browser's part plus the median of
 * the page's own part (from its document's creation to a usable form), and their ratio with its 95 %
 * interval by resampling the paired runs. Until the document exists the browser has read none of
 * the page, so that part is the same work for both pages and is taken from all their loads together:
 * on this machine it is most of a load and most of its spread (at 4× CPU, medians of 130–195 ms from
 * one case to the next for the same work), which a ratio of whole medians charged to whichever page
 * it happened to fall on (decision 030).
 */
export function ratioWithSharedBrowserPart(app: SplitLoads, form: SplitLoads, resamples = 2000): Ratio {
  const estimate = (drawn: number[]) => {
    const [appDocument, formDocument] = [drawnFrom(app.document, drawn), drawnFrom(form.document, drawn)];
    const browser = median([...appDocument, ...formDocument]);
    const own = (usable: number[], document: number[]) =>
      median(drawnFrom(usable, drawn).map((time, index) => time - (document[index] ?? NaN)));
    return (browser + own(app.usable, appDocument)) / (browser + own(form.usable, formDocument));
  };
  const pairs = Math.min(app.usable.length, form.usable.length);
  const all = Array.from({ length: pairs }, (_, index) => index);
  return {
    value: estimate(all),
    ...resampledInterval(pairs, app.usable.length * 7919 + form.usable.length, estimate, resamples),
  };
}
