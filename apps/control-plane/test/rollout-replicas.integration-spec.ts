import { testConfig } from '@switchyard/testing';
import { inCanary, PROXY_ID_HEADER, type RolloutDetail } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { rawGet, splitPolicy } from './support/policy-fixtures';
import { SseSubscriber } from './support/sse-subscriber';

/** Two replicas on one database: a rollout started, promoted or aborted on A steers the proxies connected to B. Needs a real Postgres. */
const describeWithPostgres: jest.Describe = testConfig.databaseUrl ? describe : describe.skip;

describeWithPostgres('staged rollouts across control-plane replicas', () => {
  let a: ControlPlaneHarness;
  let b: ControlPlaneHarness;
  const ids = Array.from({ length: 40 }, (_, i) => `replica-edge-${i}`);
  const canaryId = ids.find((id) => inCanary(id, 40))!;
  const baselineId = ids.find((id) => !inCanary(id, 40))!;

  beforeAll(async () => {
    a = await startControlPlane();
    b = await startControlPlane({ databaseUrl: a.databaseUrl, proxyToken: a.proxyToken, config: { admin: { email: a.adminEmail, password: a.adminPassword } } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const pulled = async (cp: ControlPlaneHarness, proxyId: string) =>
    JSON.parse((await rawGet(`${cp.api}/proxy/policy`, { authorization: `Bearer ${cp.proxyToken}`, [PROXY_ID_HEADER]: proxyId })).body).version as number;
  const heartbeat = async (cp: ControlPlaneHarness, proxyId: string) =>
    (await cp.request('POST', '/proxy/heartbeat', { proxyId, name: proxyId, appliedVersion: null }, cp.proxyToken)).body.latestVersion as number;

  it('streams, pulls and heartbeats on B follow a rollout started, then aborted, on A', async () => {
    const baseline = (await a.request('GET', '/policies/live')).body.version as number;
    const canaryStream = await SseSubscriber.open(`${b.api}/proxy/policy/stream?proxyId=${canaryId}`, b.proxyToken);
    const baselineStream = await SseSubscriber.open(`${b.api}/proxy/policy/stream?proxyId=${baselineId}`, b.proxyToken);
    try {
      await canaryStream.policyVersion(baseline);
      await baselineStream.policyVersion(baseline);
      const draft = await a.request('POST', '/policies/drafts', { content: splitPolicy(33) });
      const started = await a.request('POST', '/rollouts', { draftId: draft.body.id, canaryPercent: 40 });
      expect(started.status).toBe(201);
      const rollout = started.body as RolloutDetail;

      await canaryStream.policyVersion(rollout.version);
      for (const id of ids) {
        const expected = inCanary(id, 40) ? rollout.version : baseline;
        expect([id, await pulled(b, id), await heartbeat(b, id)]).toEqual([id, expected, expected]);
      }
      // The baseline proxy's stream never saw the canary version.
      expect(baselineStream.events.filter((e) => e.event === 'policy').map((e) => JSON.parse(e.data).version)).toEqual([baseline]);

      const aborted = await a.request('POST', `/rollouts/${rollout.id}/abort`, { reason: 'replica test' });
      expect(aborted.status).toBe(200);
      const restored = aborted.body.restoredVersion as number;
      await canaryStream.policyVersion(restored);
      await baselineStream.policyVersion(restored);
      for (const id of ids) expect(await heartbeat(b, id)).toBe(restored);
    } finally {
      canaryStream.close();
      baselineStream.close();
    }
  });

  it('a promote on B reaches the baseline proxies streaming from A', async () => {
    const baseline = (await b.request('GET', '/policies/live')).body.version as number;
    const stream = await SseSubscriber.open(`${a.api}/proxy/policy/stream?proxyId=${baselineId}`, a.proxyToken);
    try {
      await stream.policyVersion(baseline);
      const draft = await b.request('POST', '/policies/drafts', { content: splitPolicy(44) });
      const rollout = (await b.request('POST', '/rollouts', { draftId: draft.body.id, canaryPercent: 40 })).body as RolloutDetail;
      // A hears of it through LISTEN/NOTIFY: wait until it serves the canary its version.
      for (let i = 0; (await pulled(a, canaryId)) !== rollout.version; i++) {
        if (i > 200) throw new Error('replica A never served the canary version');
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await pulled(a, baselineId)).toBe(baseline);
      expect((await b.request('POST', `/rollouts/${rollout.id}/promote`, {})).status).toBe(200);
      await stream.policyVersion(rollout.version);
      expect(await heartbeat(a, baselineId)).toBe(rollout.version);
    } finally {
      stream.close();
    }
  });
});
