import type { CohortMetrics, RolloutThresholds } from '@switchyard/contracts';
import { versionIn, type FleetAssignment } from './policy-assignments';
import { rolloutVerdict } from './rollout-verdict';

const t: RolloutThresholds = { maxErrorRateDelta: 0.05, maxP95LatencyRatio: 1.5, maxCostPerRequestRatio: 1.5, minRequests: 50 };
const cohort = (over: Partial<CohortMetrics>): CohortMetrics => ({
  version: 1, requests: 100, errors: 1, errorRate: 0.01, p95LatencyMs: 200, costPerRequestUsd: '0.001', ...over,
});

describe('rolloutVerdict', () => {
  it('draws no verdict until both cohorts have minRequests', () => {
    expect(rolloutVerdict(cohort({ requests: 49, errorRate: 1 }), cohort({}), t)).toEqual({ enoughData: false, breaches: [] });
    expect(rolloutVerdict(cohort({}), cohort({ requests: 10 }), t).enoughData).toBe(false);
  });

  it('passes a canary within every threshold (at the limits)', () => {
    expect(rolloutVerdict(cohort({ errorRate: 0.06, p95LatencyMs: 300, costPerRequestUsd: '0.0015' }), cohort({}), t)).toEqual({ enoughData: true, breaches: [] });
  });

  it('names each threshold the canary is past, with the figures', () => {
    const v = rolloutVerdict(cohort({ errorRate: 0.2, p95LatencyMs: 900, costPerRequestUsd: '0.004' }), cohort({}), t);
    expect(v.breaches).toEqual([
      'error rate 20.00% vs 1.00% (+19.00 points > 5.00)',
      'p95 latency 900 ms vs 200 ms (×4.50 > ×1.5)',
      'cost per request 0.004 vs 0.001 USD (×4.00 > ×1.5)',
    ]);
  });

  it('treats a zero baseline as a breach only when the canary is not zero too', () => {
    expect(rolloutVerdict(cohort({ costPerRequestUsd: '0' }), cohort({ costPerRequestUsd: '0' }), t).breaches).toEqual([]);
    expect(rolloutVerdict(cohort({ costPerRequestUsd: '0.01' }), cohort({ costPerRequestUsd: '0' }), t).breaches[0]).toMatch(/×∞/);
  });
});

describe('versionIn', () => {
  const canary = (pct: number): FleetAssignment => ({ latest: 5, canary: { rolloutId: 'r', version: 5, baselineVersion: 4, canaryPercent: pct } });

  it('gives everyone the latest without a rollout', () => {
    expect(versionIn({ latest: 5, canary: null }, 'p1', 5)).toBe(5);
    expect(versionIn({ latest: 5, canary: null }, null, 6)).toBe(6);
  });

  it('splits by proxy id during a canary; anonymous proxies stay on the baseline', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `p${i}`);
    const onCanary = ids.filter((id) => versionIn(canary(20), id, 5) === 5).length;
    expect(Math.abs(onCanary - 200)).toBeLessThanOrEqual(20);
    expect(ids.every((id) => [4, 5].includes(versionIn(canary(20), id, 5)))).toBe(true);
    expect(versionIn(canary(99.99), null, 5)).toBe(4);
  });

  it('ignores a canary that a newer version overtook', () => {
    expect(versionIn(canary(50), 'p1', 6)).toBe(6);
  });
});
