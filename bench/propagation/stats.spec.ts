import { summarize } from './stats';
import { BenchConfigError, parseBenchConfig } from './bench-config';

describe('bench:propagation helpers', () => {
  it('summarises by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarize(values)).toEqual({ samples: 100, p50: 50, p99: 99, max: 100 });
    expect(summarize([7])).toEqual({ samples: 1, p50: 7, p99: 7, max: 7 });
    expect(summarize([]).samples).toBe(0);
  });

  it('needs DATABASE_URL and reads sizes', () => {
    expect(() => parseBenchConfig([], {})).toThrow(BenchConfigError);
    expect(parseBenchConfig(['--smoke'], { DATABASE_URL: 'postgres://x' })).toEqual({ smoke: true, proxies: 5, versions: 3, databaseUrl: 'postgres://x' });
    expect(parseBenchConfig(['--proxies', '20'], { DATABASE_URL: 'postgres://x' })).toMatchObject({ proxies: 20, versions: 10 });
    expect(() => parseBenchConfig(['--proxies', '0'], { DATABASE_URL: 'postgres://x' })).toThrow(/positive/);
  });
});
