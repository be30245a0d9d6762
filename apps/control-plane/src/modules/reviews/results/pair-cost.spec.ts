import type { PricePoint } from '@switchyard/contracts';
import { comparePairCosts, type PairCostInput } from './pair-cost';

const prices = new Map<string, PricePoint[]>([
  ['cheap/model', [{ effectiveFrom: '2026-01-01T00:00:00Z', input: '0.10', output: '0.40', cachedInput: '0.01' }]],
  [
    'dear/model',
    [
      { effectiveFrom: '2026-01-01T00:00:00Z', input: '2.50', output: '10.00', cachedInput: '1.25' },
      { effectiveFrom: '2026-06-01T00:00:00Z', input: '5.00', output: '20.00', cachedInput: '2.50' },
    ],
  ],
]);

const pair = (over: Partial<PairCostInput> = {}): PairCostInput => ({
  ts: new Date('2026-03-01T00:00:00Z'),
  candidateModel: 'cheap/model',
  baselineModel: 'dear/model',
  candidateUsage: { promptTokens: 1000, completionTokens: 500, cachedTokens: 0 },
  baselineUsage: { promptTokens: 1000, completionTokens: 300, cachedTokens: 0 },
  promptChars: 4000,
  promptMessages: 1,
  candidateChars: 2000,
  baselineChars: 1200,
  ...over,
});

describe('comparePairCosts', () => {
  it('prices each side exactly at the price in force at request time and averages per request', () => {
    // cheap: 1000 × 0.10/1e6 + 500 × 0.40/1e6 = 0.0001 + 0.0002 = 0.0003
    // dear (March): 1000 × 2.50/1e6 + 300 × 10/1e6 = 0.0025 + 0.003 = 0.0055
    // dear (July, doubled price): 0.011 → mean baseline (0.0055 + 0.011) / 2 = 0.00825
    const r = comparePairCosts([pair(), pair({ ts: new Date('2026-07-01T00:00:00Z') })], prices);
    expect(r).toEqual({
      candidatePerRequestUsd: '0.0003',
      baselinePerRequestUsd: '0.00825',
      differencePerRequestUsd: '-0.00795',
      change: expect.closeTo(-0.963636, 6),
      pricedPairs: 2,
      estimatedPairs: 0,
    });
  });

  it('estimates missing token counts from text (4 chars per token + framing) and says how many pairs it estimated', () => {
    // prompt 4000 chars, 1 message → 1000 + 3 + 3 = 1006 tokens; candidate answer 2000 chars → 500 tokens
    // cheap: 1006 × 0.10/1e6 + 500 × 0.40/1e6 = 0.0001006 + 0.0002 = 0.0003006
    const r = comparePairCosts([pair({ candidateUsage: null })], prices);
    expect(r.candidatePerRequestUsd).toBe('0.0003006');
    expect(r.estimatedPairs).toBe(1);
  });

  it('leaves out pairs naming an unpriced model, and has no figures when none is priced', () => {
    expect(comparePairCosts([pair(), pair({ baselineModel: 'unknown/x' })], prices).pricedPairs).toBe(1);
    expect(comparePairCosts([pair({ candidateModel: 'unknown/x' })], prices)).toMatchObject({ candidatePerRequestUsd: null, differencePerRequestUsd: null, pricedPairs: 0 });
  });
});
