import type { SpendPoint, SpendResponse, SpendTotals } from '@switchyard/contracts';
import { exactAt, shapeSpendSeries, totalAt } from './shape-spend-series';

const totals: SpendTotals = {
  requests: 0, errors: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, cacheHits: 0, cacheHitRate: null,
  costUsd: '0', baselineCostUsd: '0', savingsVsBaselineUsd: '0', savingsVsBaselinePct: null, cacheSavedUsd: '0', unpricedRequests: 0,
};
const point = (period: string, group: string, costUsd: string): SpendPoint => ({
  period, group, costUsd, requests: 1, errors: 0, promptTokens: 1, completionTokens: 1, cachedTokens: 0, cacheHits: 0,
  baselineCostUsd: costUsd, cacheSavedUsd: '0',
});
const response = (series: SpendPoint[], groups: string[], from: string, to: string): SpendResponse => ({
  query: { from, to, groupBy: 'bucket', granularity: 'day', kind: 'production' },
  series,
  groups: groups.map((group) => ({ ...totals, group })),
  totals,
});

describe('shapeSpendSeries', () => {
  it('makes one row per day, fills gaps with zero and keeps exact strings beside the numbers', () => {
    const shaped = shapeSpendSeries(
      response([point('2026-01-01', 'bulk', '1.10'), point('2026-01-03', 'bulk', '0.000001'), point('2026-01-01', 'critical', '9')], ['critical', 'bulk'], '2026-01-01', '2026-01-03'),
    );
    expect(shaped.series.map((s) => s.label)).toEqual(['critical', 'bulk']);
    expect(shaped.rows.map((r) => r.x)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(shaped.rows[1]).toMatchObject({ s0: 0, s1: 0 });
    expect(exactAt(shaped, '2026-01-03', 's1')).toBe('0.000001');
    expect(totalAt(shaped, '2026-01-01')).toBe('10.1');
    expect(Object.isFrozen(shaped.rows)).toBe(true);
  });

  it('folds groups beyond the palette into "Other", summing them exactly', () => {
    const groups = Array.from({ length: 12 }, (_, i) => `g${i}`);
    const series = groups.map((g) => point('2026-01-01', g, '0.1'));
    const shaped = shapeSpendSeries(response(series, groups, '2026-01-01', '2026-01-01'));
    expect(shaped.series).toHaveLength(10);
    expect(shaped.series[9].label).toBe('Other');
    expect(exactAt(shaped, '2026-01-01', 'other')).toBe('0.3');
  });
});
