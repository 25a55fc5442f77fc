import { describe, expect, it } from 'vitest';
import { median, quantile, ratioOfMedians } from './ratio';

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
});
