import { describe, expect, it } from 'vitest';
import { median, quantile, ratioOfMedians, ratioWithSharedBrowserPart } from './ratio';

describe('the bench’s statistics', () => {
  it('takes the median of odd and even counts, and the nearest-rank quantile', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3);
  });

  it('gives the ratio of medians, inside an interval that the same runs always give', () => {
    const form = [30, 32, 31, 35, 29, 33, 30, 34, 31, 32];
    const app = form.map((time, index) => time * 1.2 + (index % 3));
    const ratio = ratioOfMedians(app, form);
    expect(ratio.value).toBeCloseTo(median(app) / median(form), 10);
    expect(ratio.low).toBeLessThanOrEqual(ratio.value);
    expect(ratio.high).toBeGreaterThanOrEqual(ratio.value);
    expect(ratioOfMedians(app, form)).toEqual(ratio);
  });

  it('widens the interval when the runs spread, so one lucky run cannot pass a budget', () => {
    const form = Array.from({ length: 20 }, () => 40);
    const steady = form.map(() => 50);
    const noisy = form.map((_, index) => (index % 2 ? 30 : 70));
    const [a, b] = [ratioOfMedians(steady, form), ratioOfMedians(noisy, form)];
    expect(a.high - a.low).toBe(0);
    expect(b.high - b.low).toBeGreaterThan(0.5);
  });

  it('adds the browser’s part of both pages’ loads to each page’s own part', () => {
    const split = (document: number[], own: number) => ({ document, usable: document.map((time) => time + own) });
    const ratio = ratioWithSharedBrowserPart(split([90, 100, 110], 50), split([100, 100, 100], 30));
    // The browser's part: the median of all six loads, 100 ms; then 150 ms over 130 ms.
    expect(ratio.value).toBeCloseTo(150 / 130, 10);
    expect(ratio.low).toBeLessThanOrEqual(ratio.value);
    expect(ratio.high).toBeGreaterThanOrEqual(ratio.value);
  });

  it('charges neither page with a slow browser: the same page is 1×, whichever loads the browser slowed', () => {
    const own = [40, 42, 41, 43, 40, 44, 41, 42, 40, 43];
    const quick = own.map((time, index) => ({ document: 100 + (index % 3), usable: 100 + (index % 3) + time }));
    const slow = own.map((time, index) => ({ document: 160 + (index % 3), usable: 160 + (index % 3) + time }));
    const loads = (runs: { document: number; usable: number }[]) => ({
      document: runs.map((run) => run.document),
      usable: runs.map((run) => run.usable),
    });
    // The whole-median ratio calls the same page 0.7× when the browser happened to be slow for the other.
    expect(ratioOfMedians(loads(quick).usable, loads(slow).usable).value).toBeLessThan(0.75);
    const shared = ratioWithSharedBrowserPart(loads(quick), loads(slow));
    expect(shared.value).toBeCloseTo(1, 10);
    expect(shared.high - shared.low).toBeLessThan(0.05);
  });
});
