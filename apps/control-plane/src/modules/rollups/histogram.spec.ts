import fc from 'fast-check';
import { bucketIndex, bucketRangeMs, histogramCount, HISTOGRAM_BOUNDS, mergeHistograms, percentile, record, type Histogram } from './histogram';

function histogramOf(values: number[]): Histogram {
  const h: Histogram = {};
  for (const v of values) record(h, v);
  return h;
}

function exactPercentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
}

describe('latency histogram', () => {
  it('has strictly increasing bounds starting at 0 and buckets at most 1/16 of their lower bound wide', () => {
    expect(HISTOGRAM_BOUNDS[0]).toBe(0);
    for (let i = 1; i < HISTOGRAM_BOUNDS.length; i++) {
      expect(HISTOGRAM_BOUNDS[i]).toBeGreaterThan(HISTOGRAM_BOUNDS[i - 1]);
      if (HISTOGRAM_BOUNDS[i - 1] >= 32) expect(HISTOGRAM_BOUNDS[i] - HISTOGRAM_BOUNDS[i - 1]).toBeLessThanOrEqual(HISTOGRAM_BOUNDS[i - 1] / 16);
    }
    expect(HISTOGRAM_BOUNDS.length).toBe(32 + 26 * 16);
  });

  it('places values in the bucket whose range holds them, up to 24 hours', () => {
    for (const ms of [0, 0.05, 0.1, 3.1, 3.2, 3.3, 12.3456, 99.9, 100, 1234.5, 60_000, 86_400_000]) {
      const [lo, hi] = bucketRangeMs(bucketIndex(ms));
      expect(Math.floor(ms * 10) / 10).toBeGreaterThanOrEqual(lo);
      expect(ms).toBeLessThan(hi);
    }
    expect(bucketIndex(0.09)).toBe(0);
    expect(bucketIndex(3.1)).toBe(31);
    expect(bucketIndex(3.2)).toBe(32);
    expect(bucketIndex(3.3)).toBe(32); // [3.2, 3.4) is one bucket
  });

  it('merges exactly: merging day histograms equals the histogram of all values, in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double({ min: 0, max: 600_000, noNaN: true }), { maxLength: 50 }), { maxLength: 8 }), (days) => {
        const merged = mergeHistograms(...days.map(histogramOf));
        const whole = histogramOf(days.flat());
        expect(merged).toEqual(whole);
        expect(mergeHistograms(...[...days].reverse().map(histogramOf))).toEqual(whole);
        expect(histogramCount(merged)).toBe(days.flat().length);
      }),
    );
  });

  it('gives percentiles within the bucket error of the exact nearest-rank value', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 4, max: 600_000, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.constantFrom(0.5, 0.9, 0.95, 0.99, 1), (values, p) => {
        const got = percentile(histogramOf(values), p)!;
        const exact = exactPercentile(values, p);
        expect(Math.abs(got - exact) / exact).toBeLessThanOrEqual(1 / 16 + 0.001);
      }),
    );
  });

  it('reports the bucket midpoint, and null when empty', () => {
    const h = histogramOf([10, 10, 10, 1000]);
    const [lo, hi] = bucketRangeMs(bucketIndex(10));
    expect(percentile(h, 0.5)).toBe(Math.round(((lo + hi) / 2) * 100) / 100);
    expect(percentile(h, 0.75)).toBeLessThan(11);
    expect(percentile(h, 0.76)).toBeGreaterThan(960);
    expect(percentile({}, 0.5)).toBeNull();
    expect(percentile({ '5': 0 }, 0.5)).toBeNull();
  });

  it('merges histograms read back from jsonb with string counts', () => {
    expect(mergeHistograms({ '3': 2 }, { '3': '5' as unknown as number, '7': 1 })).toEqual({ '3': 7, '7': 1 });
  });
});
