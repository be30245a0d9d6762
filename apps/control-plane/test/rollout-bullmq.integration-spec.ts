import { describeWithRedis, requireRedisUrl, testConfig, uniqueRedisPrefix } from '@switchyard/testing';
import type { RolloutDetail } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { splitPolicy } from './support/policy-fixtures';
import { makeEvent } from './support/usage-events';

/**
 * Scaled mode: two replicas with BullMQ on Redis both schedule the evaluation job; the
 * canary past its threshold is aborted exactly once (one restored version, one audit entry).
 */
const describeScaled: jest.Describe = testConfig.databaseUrl ? describeWithRedis : describe.skip;

describeScaled('rollout auto-abort on BullMQ with two replicas', () => {
  let a: ControlPlaneHarness;
  let b: ControlPlaneHarness;

  beforeAll(async () => {
    const redisUrl = requireRedisUrl();
    const queuePrefix = uniqueRedisPrefix('rollout').slice(0, -1);
    a = await startControlPlane({ redisUrl, config: { rolloutEvaluateMs: 200, queuePrefix } });
    b = await startControlPlane({
      databaseUrl: a.databaseUrl,
      proxyToken: a.proxyToken,
      redisUrl,
      config: { rolloutEvaluateMs: 200, queuePrefix, admin: { email: a.adminEmail, password: a.adminPassword } },
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('aborts once, whichever replica evaluates', async () => {
    const baseline = (await a.request('GET', '/policies/live')).body.version as number;
    const draft = await a.request('POST', '/policies/drafts', { content: splitPolicy(12) });
    const rollout = (await a.request('POST', '/rollouts', { draftId: draft.body.id, canaryPercent: 50, thresholds: { minRequests: 10, maxP95LatencyRatio: 2 } })).body as RolloutDetail;
    const events = [
      ...Array.from({ length: 12 }, (_, i) => makeEvent({ policyVersion: baseline, totalMs: 100 + i })),
      ...Array.from({ length: 12 }, (_, i) => makeEvent({ policyVersion: rollout.version, totalMs: 900 + i })),
    ];
    expect((await a.request('POST', '/proxy/usage', { events }, a.proxyToken)).body.stored).toBe(24);

    let ended: RolloutDetail | null = null;
    for (let i = 0; i < 300 && !ended; i++) {
      const d = (await b.request('GET', `/rollouts/${rollout.id}`)).body as RolloutDetail;
      if (d.state === 'aborted') ended = d;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(ended?.endReason).toMatch(/^p95 latency 9\d\d ms vs 1\d\d ms/);
    // Give a second evaluation round on either replica the chance to abort again; it must not.
    await new Promise((r) => setTimeout(r, 600));
    const versions = ((await a.request('GET', '/policies/versions')).body as Array<{ version: number }>).map((v) => v.version);
    expect(versions.filter((v) => v > rollout.version)).toEqual([ended!.restoredVersion]);
    const audit = (await a.request('GET', '/audit?limit=100')).body as Array<{ action: string; target: string }>;
    expect(audit.filter((e) => e.target === rollout.id && e.action === 'rollout.auto_abort')).toHaveLength(1);
  });
});
