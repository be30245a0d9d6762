import fc from 'fast-check';
import { fromPicoUsd, toPicoUsd } from '@switchyard/pricing';
import { decimalRatio, EMPTY_ROW, numericToPico, rowMoney, SpendTotalsAccumulator, toPoint, toTotals, usdText, type SpendRow } from './spend-math';

const row = (over: Partial<SpendRow> = {}): SpendRow => ({
  ...EMPTY_ROW,
  period: '2026-01-01',
  grp: 'bulk',
  requests: '6',
  errors: '1',
  prompt_tokens: '10',
  completion_tokens: '5',
  cached_tokens: '2',
  cache_hits: '2',
  cost_usd: '0.300000000000',
  baseline_cost_usd: '0.600000000000',
  cache_saved_usd: '0.050000000001',
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

  it('formats NUMERIC text exactly as fromPicoUsd does, for any value and scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), fc.integer({ min: 0, max: 12 }), (pico, extraScale) => {
        const text = fromPicoUsd(pico);
        const [w, f = ''] = text.split('.');
        const padded = `${w}.${f.padEnd(Math.min(12, f.length + extraScale), '0')}`;
        expect(usdText(padded)).toBe(text);
        expect(usdText(`${w}.${f.padEnd(12, '0')}`)).toBe(text);
      }),
    );
    expect(usdText('7')).toBe('7.00');
    expect(usdText('-0.000000000000')).toBe('0.00');
    expect(usdText('007.100000000000')).toBe('7.10');
  });

  it('turns a totals row into savings against the baseline apart from cache savings', () => {
    expect(toTotals(row({ unpriced_requests: '2' }))).toEqual({
      requests: 6,
      errors: 1,
      promptTokens: 10,
      completionTokens: 5,
      cachedTokens: 2,
      cacheHits: 2,
      cacheHitRate: '0.3333',
      costUsd: '0.30',
      baselineCostUsd: '0.60',
      savingsVsBaselineUsd: '0.30',
      savingsVsBaselinePct: '0.5000',
      cacheSavedUsd: '0.050000000001',
      unpricedRequests: 2,
    });
    expect(toPoint(row())).toMatchObject({ period: '2026-01-01', group: 'bulk', costUsd: '0.30', cacheSavedUsd: '0.050000000001' });
  });

  it('shows a negative saving when routing cost more than the baseline, and no rate without requests', () => {
    const t = toTotals(row({ cost_usd: '0.4', baseline_cost_usd: '0.3' }));
    expect(t.savingsVsBaselineUsd).toBe('-0.10');
    expect(t.savingsVsBaselinePct).toBe('-0.3333');
    expect(toTotals(EMPTY_ROW)).toMatchObject({ cacheHitRate: null, savingsVsBaselinePct: null, costUsd: '0.00', requests: 0 });
  });

  it('reads NUMERIC text exactly, whatever its scale, and sums rows exactly', () => {
    expect(numericToPico('12.345000000000')).toBe(12_345_000_000_000n);
    expect(numericToPico('-0.000000000001')).toBe(-1n);
    expect(numericToPico('7')).toBe(7_000_000_000_000n);
    const acc = new SpendTotalsAccumulator();
    for (const r of [row(), row({ cost_usd: '0.000000000001', cache_saved_usd: '0' })]) acc.add(toPoint(r), rowMoney(r));
    expect(acc.totals()).toMatchObject({ requests: 12, costUsd: '0.300000000001', baselineCostUsd: '1.20', cacheSavedUsd: '0.050000000001' });
  });
});
