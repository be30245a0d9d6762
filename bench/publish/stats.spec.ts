import { parseBenchConfig } from './bench-config';
import { percentile, summarize } from './stats';

describe('bench:publish helpers', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(summarize([3, 1, 2])).toEqual({ samples: 3, p50: 2, p99: 3, max: 3 });
  });

  it('parses options with smoke defaults and refuses nonsense', () => {
    expect(parseBenchConfig([], {})).toEqual({ smoke: false, subscribers: 10, versions: 20, databaseUrl: null });
    expect(parseBenchConfig(['--smoke'], { DATABASE_URL: 'postgres://x' })).toEqual({ smoke: true, subscribers: 3, versions: 5, databaseUrl: 'postgres://x' });
    expect(parseBenchConfig(['--subscribers', '50'], {}).subscribers).toBe(50);
    expect(() => parseBenchConfig(['--versions', 'x'], {})).toThrow(/--versions/);
  });
});
