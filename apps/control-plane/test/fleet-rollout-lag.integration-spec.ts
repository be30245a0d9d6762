import { inCanary, type FleetResponse, type RolloutDetail } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { splitPolicy } from './support/policy-fixtures';

/** GET /fleet during a canary: lag is measured against the version each proxy is assigned. */
const IDS = Array.from({ length: 30 }, (_, i) => `lag-${i}`);

describe('fleet lag during a staged rollout', () => {
  let cp: ControlPlaneHarness;
  beforeAll(async () => {
    cp = await startControlPlane();
  });
  afterAll(async () => {
    await cp?.close();
  });

  const beat = async (proxyId: string, appliedVersion: number) => {
    const r = await cp.request('POST', '/proxy/heartbeat', { proxyId, name: proxyId, appliedVersion }, cp.proxyToken);
    expect(r.status).toBe(200);
  };
  const lags = async () => {
    const f = (await cp.request<FleetResponse>('GET', '/fleet')).body;
    return { latest: f.latestVersion, lag: new Map(f.proxies.map((p) => [p.proxyId, p.lag])) };
  };

  it('leaves baseline proxies on the previous version at lag 0, and counts canary proxies behind the canary', async () => {
    const baseline = await cp.publish(splitPolicy(10), 'baseline');
    for (const id of IDS) await beat(id, baseline);
    const canaryIds = IDS.filter((id) => inCanary(id, 40));
    const baselineIds = IDS.filter((id) => !inCanary(id, 40));
    expect(canaryIds.length).toBeGreaterThan(2);
    expect(baselineIds.length).toBeGreaterThan(2);

    const draft = await cp.request('POST', '/policies/drafts', { content: splitPolicy(30) });
    expect(draft.status).toBe(201);
    const started = await cp.request('POST', '/rollouts', { draftId: draft.body.id, canaryPercent: 40 });
    expect(started.status).toBe(201);
    const rollout = started.body as RolloutDetail;
    expect(rollout.version).toBe(baseline + 1);

    // Nobody applied the canary yet: only the canary cohort is behind.
    let f = await lags();
    expect(f.latest).toBe(rollout.version);
    for (const id of baselineIds) expect([id, f.lag.get(id)]).toEqual([id, 0]);
    for (const id of canaryIds) expect([id, f.lag.get(id)]).toEqual([id, 1]);

    // The canary applies it: the whole fleet is where it should be.
    for (const id of canaryIds) await beat(id, rollout.version);
    f = await lags();
    for (const id of IDS) expect([id, f.lag.get(id)]).toEqual([id, 0]);

    // Promoted: now everyone is assigned the new version, so the baseline cohort lags until it applies it.
    const promoted = await cp.request('POST', `/rollouts/${rollout.id}/promote`, {});
    expect(promoted.status).toBe(200);
    f = await lags();
    for (const id of baselineIds) expect([id, f.lag.get(id)]).toEqual([id, 1]);
    for (const id of canaryIds) expect([id, f.lag.get(id)]).toEqual([id, 0]);
  });
});
