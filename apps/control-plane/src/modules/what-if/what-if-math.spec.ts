import { policyContent, type ModelPrices } from '@switchyard/contracts';
import { pickTarget } from '@switchyard/routing';
import { destinationBucket, expectedSplit, simulate, type ObservedUsage } from './what-if-math';

const CHEAP = 'test/cheap';
const PRICEY = 'test/pricey';
const prices = new Map<string, ModelPrices>([
  [CHEAP, { input: '0.20', output: '0.80', cachedInput: '0.05' }],
  [PRICEY, { input: '2.50', output: '10.00', cachedInput: '1.25' }],
]);
const catalog = new Set([CHEAP, PRICEY]);

const draft = policyContent.parse({
  defaultBucket: 'bulk',
  baselineModel: PRICEY,
  buckets: [
    { name: 'bulk', targets: [{ model: CHEAP, weight: 50 }, { model: PRICEY, weight: 50 }] },
    { name: 'premium', match: [{ team: 'growth' }], targets: [{ model: PRICEY, weight: 100 }] },
  ],
});

const bulk: ObservedUsage = {
  bucket: 'bulk',
  team: 'content',
  requests: 12, // 10 routed upstream requests + 2 cache hits
  costUsd: '0.075',
  routedRequests: 10,
  routedTokens: { promptTokens: 10_000, completionTokens: 5_000, cachedTokens: 0 },
  routedCostUsd: '0.075',
};
const legacy: ObservedUsage = {
  bucket: 'legacy',
  team: 'growth',
  requests: 3,
  costUsd: '0.01',
  routedRequests: 2,
  routedTokens: { promptTokens: 1_000, completionTokens: 1_000, cachedTokens: 400 },
  routedCostUsd: '0.008',
};

describe('what-if math', () => {
  it('splits as libs/routing pickTarget does over a uniform spread of draws', () => {
    const targets = [
      { model: 'a', weight: 30 },
      { model: 'b', weight: 70 },
      { model: 'c', weight: 0 },
    ];
    const n = 1000;
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const t = pickTarget(targets, null, () => (i + 0.5) / n);
      counts.set(t.model, (counts.get(t.model) ?? 0) + 1);
    }
    const { shares, total } = expectedSplit(targets);
    for (const s of shares) expect(counts.get(s.model)).toBe(Number((s.weight * BigInt(n)) / total));
    expect(counts.has('c')).toBe(false);
    expect(expectedSplit([{ model: 'only', weight: 0 }])).toEqual({ shares: [{ model: 'only', weight: 1n }], total: 1n });
  });

  it('sends a bucket the draft dropped where the draft routes its team', () => {
    expect(destinationBucket(draft, 'bulk', 'x', catalog)).toBe('bulk');
    expect(destinationBucket(draft, 'legacy', 'growth', catalog)).toBe('premium');
    expect(destinationBucket(draft, 'legacy', 'other', catalog)).toBe('bulk');
  });

  it('equals the hand-computed projection', () => {
    // bulk: 10,000 prompt + 5,000 completion tokens re-split 50/50:
    //   cheap  10,000 × 0.20/1e6 + 5,000 × 0.80/1e6  = 0.002 + 0.004 = 0.006
    //   pricey 10,000 × 2.50/1e6 + 5,000 × 10.00/1e6 = 0.025 + 0.05  = 0.075
    //   projected = 0.5 × 0.006 + 0.5 × 0.075 = 0.0405 (cache hits stay at 0)
    // legacy → premium (team growth): kept 0.01 − 0.008 = 0.002 (a pinned request), plus
    //   pricey 600 × 2.50/1e6 + 400 × 1.25/1e6 + 1,000 × 10/1e6 = 0.0015 + 0.0005 + 0.01 = 0.012 → 0.014
    const r = simulate(draft, [bulk, legacy], prices, 1, catalog);
    expect(r.buckets).toEqual([
      { bucket: 'bulk', requests: 12, actualUsd: '0.075', projectedUsd: '0.0405', actualMonthlyUsd: '2.25', projectedMonthlyUsd: '1.215' },
      { bucket: 'premium', requests: 3, actualUsd: '0.01', projectedUsd: '0.014', actualMonthlyUsd: '0.30', projectedMonthlyUsd: '0.42' },
    ]);
    expect(r).toMatchObject({ actualUsd: '0.085', projectedUsd: '0.0545', actualMonthlyUsd: '2.55', projectedMonthlyUsd: '1.635', deltaMonthlyUsd: '-0.915' });
  });

  it('normalises to 30 days, rounding each bucket once, half up, at the 12th decimal', () => {
    const r = simulate(draft, [bulk], prices, 7, catalog);
    // 0.075 × 30 / 7 = 0.321428571428|571… → 0.321428571429; 0.0405 × 30 / 7 = 0.173571428571|428… → 0.173571428571
    expect(r.buckets[0]).toMatchObject({ actualMonthlyUsd: '0.321428571429', projectedMonthlyUsd: '0.173571428571' });
    expect(r.buckets[1]).toMatchObject({ requests: 0, actualUsd: '0.00', projectedUsd: '0.00' });
  });

  it('needs a price for every target', () => {
    expect(() => simulate(draft, [bulk], new Map([[CHEAP, prices.get(CHEAP)!]]), 1, catalog)).toThrow('no price for test/pricey');
  });
});
