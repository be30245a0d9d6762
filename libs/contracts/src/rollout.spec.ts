import { canaryPosition, createRolloutRequest, inCanary } from './rollout';

describe('canary split by proxy id', () => {
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

  it.each([1, 5, 10, 25, 50, 90])('puts %d%% of 10,000 proxies in the canary (±2 points)', (percent) => {
    for (const prefix of ['proxy-', 'ip-10-0-3-', 'eu-west-1a:gateway-']) {
      const share = (ids(prefix, 10_000).filter((id) => inCanary(id, percent)).length / 10_000) * 100;
      expect(Math.abs(share - percent)).toBeLessThanOrEqual(2);
    }
  });

  it('is stable: the same id always lands in the same place, and a canary stays one as the share grows', () => {
    for (const id of ids('proxy-', 500)) {
      expect(canaryPosition(id)).toBe(canaryPosition(id));
      if (inCanary(id, 10)) expect(inCanary(id, 30)).toBe(true);
    }
  });

  it('spreads positions over [0, 100)', () => {
    const positions = ids('p', 10_000).map(canaryPosition);
    expect(Math.min(...positions)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...positions)).toBeLessThan(100);
    const deciles = new Array(10).fill(0);
    for (const p of positions) deciles[Math.floor(p / 10)]++;
    for (const d of deciles) expect(Math.abs(d - 1000)).toBeLessThan(200);
  });
});

describe('createRolloutRequest', () => {
  it('needs exactly one of draftId and version', () => {
    expect(createRolloutRequest.safeParse({ canaryPercent: 10 }).success).toBe(false);
    expect(createRolloutRequest.safeParse({ canaryPercent: 10, version: 2, draftId: '6f1c2a56-4b1e-4c3b-9a57-0c7c1f1a2b3c' }).success).toBe(false);
    const ok = createRolloutRequest.parse({ canaryPercent: 10, version: 2 });
    expect(ok.by).toBe('proxy');
    expect(ok.autoAbort).toBe(true);
    expect(ok.thresholds).toEqual({ maxErrorRateDelta: 0.05, maxP95LatencyRatio: 1.5, maxCostPerRequestRatio: 1.5, minRequests: 50 });
  });

  it('refuses a share of 0 or 100 and unknown fields', () => {
    expect(createRolloutRequest.safeParse({ canaryPercent: 0, version: 2 }).success).toBe(false);
    expect(createRolloutRequest.safeParse({ canaryPercent: 100, version: 2 }).success).toBe(false);
    expect(createRolloutRequest.safeParse({ canaryPercent: 10, version: 2, extra: 1 }).success).toBe(false);
  });
});
