import { inCanary, PROXY_ID_HEADER, type Rollout, type RolloutDetail } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { rawGet, splitPolicy, untilWaiting } from './support/policy-fixtures';
import { SseSubscriber } from './support/sse-subscriber';
import { makeEvent } from './support/usage-events';

/** Stand-ins for proxies: ids that heartbeat, pull and stream like proxies do (the fleet test uses real ones). */
const IDS = Array.from({ length: 60 }, (_, i) => `edge-${i}`);

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('staged rollouts', () => {
  let cp: ControlPlaneHarness;
  let auth: Record<string, string>;
  let nextSplit = 5;

  const heartbeat = async (proxyId: string, appliedVersion: number | null) => {
    const r = await cp.request('POST', '/proxy/heartbeat', { proxyId, name: proxyId, labels: { zone: 'a' }, appliedVersion }, cp.proxyToken);
    expect(r.status).toBe(200);
    return r.body.latestVersion as number;
  };
  const pulledVersion = async (proxyId: string) => {
    const r = await rawGet(`${cp.api}/proxy/policy`, { ...auth, [PROXY_ID_HEADER]: proxyId });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).version).toBe(Number(String(r.headers.etag).replace(/"/g, '')));
    return JSON.parse(r.body).version as number;
  };
  const live = async () => (await cp.request('GET', '/policies/live')).body.version as number;
  const draftOf = async (n: number) => {
    const d = await cp.request('POST', '/policies/drafts', { content: splitPolicy(n) });
    expect(d.status).toBe(201);
    return d.body.id as string;
  };
  const startRollout = async (canaryPercent: number, extra: Record<string, unknown> = {}) => {
    const r = await cp.request('POST', '/rollouts', { draftId: await draftOf(nextSplit++), canaryPercent, ...extra });
    expect([r.status, r.body.state]).toEqual([201, 'active']);
    return r.body as RolloutDetail;
  };
  const ingest = async (events: unknown[]) => {
    const r = await cp.request('POST', '/proxy/usage', { events }, cp.proxyToken);
    expect(r.status).toBe(200);
    expect(r.body.stored).toBe(events.length);
  };

  beforeAll(async () => {
    cp = await startControlPlane({ config: { rolloutEvaluateMs: 200 } });
    auth = { authorization: `Bearer ${cp.proxyToken}` };
  });
  afterAll(async () => {
    await cp?.close();
  });

  it('runs the new version on the canary share only — by proxy id, in heartbeats, pulls and streams', async () => {
    const baseline = await live();
    for (const id of IDS) expect(await heartbeat(id, baseline)).toBe(baseline);
    const canaryIds = IDS.filter((id) => inCanary(id, 30));
    const baselineIds = IDS.filter((id) => !inCanary(id, 30));
    expect(canaryIds.length).toBeGreaterThan(5);
    expect(baselineIds.length).toBeGreaterThan(5);

    const rollout = await startRollout(30);
    expect(rollout).toMatchObject({ version: baseline + 1, baselineVersion: baseline, canaryPercent: 30, by: 'proxy', autoAbort: true });
    // Published (it is the latest version), but only the canary runs it.
    expect(await live()).toBe(rollout.version);
    for (const id of IDS) {
      const expected = inCanary(id, 30) ? rollout.version : baseline;
      expect([id, await heartbeat(id, baseline)]).toEqual([id, expected]);
      expect([id, await pulledVersion(id)]).toEqual([id, expected]);
    }
    // A proxy that does not say who it is stays on the baseline.
    expect(JSON.parse((await rawGet(`${cp.api}/proxy/policy`, auth)).body).version).toBe(baseline);

    const canaryStream = await SseSubscriber.open(`${cp.api}/proxy/policy/stream?proxyId=${canaryIds[0]}`, cp.proxyToken);
    const baselineStream = await SseSubscriber.open(`${cp.api}/proxy/policy/stream?proxyId=${baselineIds[0]}`, cp.proxyToken);
    try {
      await canaryStream.policyVersion(rollout.version);
      await baselineStream.policyVersion(baseline);
      expect(baselineStream.events.filter((e) => e.event === 'policy').map((e) => JSON.parse(e.data).version)).toEqual([baseline]);
    } finally {
      canaryStream.close();
      baselineStream.close();
    }

    // The canary acknowledges; the detail shows who runs what.
    for (const id of canaryIds) await heartbeat(id, rollout.version);
    const detail = (await cp.request('GET', `/rollouts/${rollout.id}`)).body as RolloutDetail;
    expect(detail.versions).toEqual({ [rollout.version]: canaryIds.length, [baseline]: baselineIds.length });
    const byId = new Map(detail.proxies.map((p) => [p.proxyId, p]));
    for (const id of IDS) {
      expect(byId.get(id)).toMatchObject({ cohort: inCanary(id, 30) ? 'canary' : 'baseline', assignedVersion: inCanary(id, 30) ? rollout.version : baseline, stale: false });
    }
    expect(detail.verdict).toEqual({ enoughData: false, breaches: [] });
  });

  it('refuses a second rollout while one runs, and changes nothing', async () => {
    const before = (await cp.request('GET', '/policies/versions')).body.length;
    const r = await cp.request('POST', '/rollouts', { draftId: await draftOf(nextSplit++), canaryPercent: 10 });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/still running/);
    expect((await cp.request('GET', '/policies/versions')).body.length).toBe(before);
  });

  it('promote: every proxy gets the version; a waiting baseline long-poll and stream wake up', async () => {
    const [active] = ((await cp.request('GET', '/rollouts')).body as Rollout[]).filter((r) => r.state === 'active');
    const baselineId = IDS.find((id) => !inCanary(id, active.canaryPercent))!;
    const stream = await SseSubscriber.open(`${cp.api}/proxy/policy/stream?proxyId=${baselineId}`, cp.proxyToken);
    await stream.policyVersion(active.baselineVersion);
    const poll = rawGet(`${cp.api}/proxy/policy?wait=30`, { ...auth, [PROXY_ID_HEADER]: baselineId, 'if-none-match': `"${active.baselineVersion}"` });
    await untilWaiting(cp, 2);

    const promoted = await cp.request('POST', `/rollouts/${active.id}/promote`, { reason: 'looks good' });
    expect([promoted.status, promoted.body.state, promoted.body.endedBy]).toEqual([200, 'promoted', cp.adminEmail]);
    const woken = await poll;
    expect([woken.status, woken.headers.etag]).toEqual([200, `"${active.version}"`]);
    await stream.policyVersion(active.version);
    stream.close();
    for (const id of IDS) expect(await heartbeat(id, active.version)).toBe(active.version);

    expect((await cp.request('POST', `/rollouts/${active.id}/abort`, {})).status).toBe(409);
    const audit = (await cp.request('GET', '/audit?limit=50')).body as Array<{ action: string; target: string }>;
    expect(audit.filter((a) => a.target === active.id).map((a) => a.action)).toEqual(['rollout.promote', 'rollout.start']);
  });

  it('manual abort: everyone goes back to the previous policy (as a new version); the aborted one stays in history', async () => {
    const baseline = await live();
    const baselinePolicy = (await cp.request('GET', `/policies/versions/${baseline}`)).body.snapshot.policy;
    const rollout = await startRollout(50);
    const canaryId = IDS.find((id) => inCanary(id, 50))!;
    const stream = await SseSubscriber.open(`${cp.api}/proxy/policy/stream?proxyId=${canaryId}`, cp.proxyToken);
    await stream.policyVersion(rollout.version);

    const aborted = await cp.request('POST', `/rollouts/${rollout.id}/abort`, { reason: 'support tickets about tone' });
    expect(aborted.status).toBe(200);
    expect(aborted.body).toMatchObject({ state: 'aborted', endReason: 'support tickets about tone', restoredVersion: rollout.version + 1 });
    const restored = aborted.body.restoredVersion as number;
    await stream.policyVersion(restored);
    stream.close();
    for (const id of IDS) {
      expect(await heartbeat(id, restored)).toBe(restored);
      expect(await pulledVersion(id)).toBe(restored);
    }
    const restoredDetail = (await cp.request('GET', `/policies/versions/${restored}`)).body;
    expect(restoredDetail.snapshot.policy).toEqual(baselinePolicy);
    expect(restoredDetail.rolledBackFrom).toBe(baseline);
    const versions = ((await cp.request('GET', '/policies/versions')).body as Array<{ version: number }>).map((v) => v.version);
    expect(versions).toEqual(expect.arrayContaining([rollout.version, restored]));
    const listed = ((await cp.request('GET', '/rollouts')).body as Rollout[]).find((r) => r.id === rollout.id);
    expect(listed).toMatchObject({ state: 'aborted', version: rollout.version, restoredVersion: restored, endedBy: cp.adminEmail });
  });

  it('aborts automatically once the canary is past a threshold with enough requests — not before', async () => {
    const baseline = await live();
    const rollout = await startRollout(50, { thresholds: { minRequests: 20, maxErrorRateDelta: 0.1 } });
    const ev = (version: number, status: number, i: number) =>
      makeEvent({ policyVersion: version, proxyId: `edge-${i}`, status, errorType: status >= 500 ? 'upstream_error' : null, totalMs: 100 + i });
    // Thin canary data: every canary request failed, but 5 requests decide nothing.
    await ingest([...Array.from({ length: 30 }, (_, i) => ev(baseline, 200, i)), ...Array.from({ length: 5 }, (_, i) => ev(rollout.version, 502, i))]);
    const thin = (await cp.request('GET', `/rollouts/${rollout.id}`)).body as RolloutDetail;
    expect(thin.canary).toMatchObject({ version: rollout.version, requests: 5, errors: 5, errorRate: 1 });
    expect(thin.baseline).toMatchObject({ version: baseline, requests: 30, errors: 0, errorRate: 0 });
    expect(thin.verdict).toEqual({ enoughData: false, breaches: [] });
    expect(thin.state).toBe('active');

    await ingest([...Array.from({ length: 10 }, (_, i) => ev(rollout.version, 200, i)), ...Array.from({ length: 10 }, (_, i) => ev(rollout.version, 503, i))]);
    const ended = await until('the automatic abort', async () => {
      const r = (await cp.request('GET', `/rollouts/${rollout.id}`)).body as RolloutDetail;
      return r.state === 'aborted' && r;
    });
    expect(ended.endReason).toMatch(/error rate 60\.00% vs 0\.00%/);
    expect(ended.endedBy).toBe('system (rollout auto-abort)');
    for (const id of IDS) expect(await heartbeat(id, ended.restoredVersion)).toBe(ended.restoredVersion);
    expect((await cp.request('GET', `/policies/versions/${ended.restoredVersion}`)).body.rolledBackFrom).toBe(baseline);
    const audit = (await cp.request('GET', '/audit?limit=50')).body as Array<{ action: string; target: string; details: Record<string, unknown> }>;
    const entry = audit.find((a) => a.target === rollout.id && a.action === 'rollout.auto_abort')!;
    expect(entry.details).toMatchObject({ canary: { requests: 25, errors: 15 }, baseline: { requests: 30, errors: 0 } });
  });

  it('opens reads to finance and viewers, writes to admins only, nothing without a token', async () => {
    const [finance, viewer] = await Promise.all([cp.createUser('finance'), cp.createUser('viewer')]);
    const [any] = (await cp.request('GET', '/rollouts')).body as Rollout[];
    for (const token of [finance.token, viewer.token]) {
      expect((await cp.request('GET', '/rollouts', undefined, token)).status).toBe(200);
      expect((await cp.request('GET', `/rollouts/${any.id}`, undefined, token)).status).toBe(200);
      expect((await cp.request('POST', '/rollouts', { version: 1, canaryPercent: 10 }, token)).status).toBe(403);
      expect((await cp.request('POST', `/rollouts/${any.id}/promote`, {}, token)).status).toBe(403);
      expect((await cp.request('POST', `/rollouts/${any.id}/abort`, {}, token)).status).toBe(403);
    }
    expect((await cp.request('GET', '/rollouts', undefined, null)).status).toBe(401);
    expect((await cp.request('GET', '/rollouts', undefined, cp.proxyToken)).status).toBe(403);
    expect((await cp.request('GET', '/rollouts/not-a-uuid')).status).toBe(404);
    const bad = await cp.request('POST', '/rollouts', { version: 1, canaryPercent: 100 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toContain('canaryPercent');
  });
});
