import { decimalRatio, TotalsAccumulator } from './spend-math';

const point = (over: Partial<Parameters<TotalsAccumulator['add']>[0]> = {}) => ({
  period: '2026-01-01',
  group: 'bulk',
  requests: 3,
  errors: 1,
  promptTokens: 10,
  completionTokens: 5,
  cachedTokens: 2,
  cacheHits: 1,
  costUsd: '0.1',
  baselineCostUsd: '0.3',
  cacheSavedUsd: '0.05',
  unpricedRequests: 0,
  ...over,
});

describe('spend math', () => {
  it('divides exactly with 4 places, rounding half away from zero', () => {
    expect(decimalRatio(1n, 3n)).toBe('0.3333');
    expect(decimalRatio(2n, 3n)).toBe('0.6667');
    expect(decimalRatio(1n, 8n)).toBe('0.1250');
    expect(decimalRatio(-1n, 8n)).toBe('-0.1250');
    expect(decimalRatio(-2n, 3n)).toBe('-0.6667');
    expect(decimalRatio(5n, 0n)).toBeNull();
    expect(decimalRatio(0n, 7n)).toBe('0.0000');
  });

  it('totals money exactly and keeps baseline savings apart from cache savings', () => {
    const t = new TotalsAccumulator().add(point()).add(point({ costUsd: '0.2', baselineCostUsd: '0.3', cacheSavedUsd: '0.000000000001', unpricedRequests: 2 })).totals();
    expect(t).toMatchObject({
      requests: 6,
      cacheHits: 2,
      cacheHitRate: '0.3333',
      costUsd: '0.30',
      baselineCostUsd: '0.60',
      savingsVsBaselineUsd: '0.30',
      savingsVsBaselinePct: '0.5000',
      cacheSavedUsd: '0.050000000001',
      unpricedRequests: 2,
    });
  });

  it('shows a negative saving when routing cost more than the baseline, and no rate without requests', () => {
    const t = new TotalsAccumulator().add(point({ costUsd: '0.4', baselineCostUsd: '0.3' })).totals();
    expect(t.savingsVsBaselineUsd).toBe('-0.10');
    expect(t.savingsVsBaselinePct).toBe('-0.3333');
    expect(new TotalsAccumulator().totals()).toMatchObject({ cacheHitRate: null, savingsVsBaselinePct: null, costUsd: '0.00' });
  });
});
