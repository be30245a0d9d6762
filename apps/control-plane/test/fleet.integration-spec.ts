import type { FleetProxy, FleetResponse } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { splitPolicy } from './support/policy-fixtures';

describe('fleet: proxies by heartbeat', () => {
  let cp: ControlPlaneHarness;
  beforeAll(async () => {
    cp = await startControlPlane({ config: { proxyStaleAfterSeconds: 2 } });
  });
  afterAll(async () => {
    await cp?.close();
  });

  const beat = async (body: Record<string, unknown>) => {
    const r = await cp.request('POST', '/proxy/heartbeat', body, cp.proxyToken);
    expect(r.status).toBe(200);
    return r.body;
  };
  const fleet = async (token?: string) => (await cp.request<FleetResponse>('GET', '/fleet', undefined, token)).body;
  const proxy = (f: FleetResponse, id: string) => f.proxies.find((p) => p.proxyId === id) as FleetProxy;

  it('lists each proxy with applied version, lag behind the latest, rejection and labels', async () => {
    const v2 = await cp.publish(splitPolicy(10), 'v2');
    await beat({ proxyId: 'eu-1', name: 'eu one', labels: { region: 'eu' }, appliedVersion: v2, spooledEvents: 12, startedAt: new Date().toISOString() });
    await beat({ proxyId: 'us-1', name: 'us one', appliedVersion: 1 });
    await beat({ proxyId: 'new-1', name: 'new one', appliedVersion: null });
    const v3 = await cp.publish(splitPolicy(20), 'v3');
    await beat({ proxyId: 'us-1', name: 'us one', appliedVersion: v2, rejected: { version: v3, reason: 'provider "zhipu" has no API key' } });

    const f = await fleet();
    expect(f.latestVersion).toBe(v3);
    expect(f.proxies.map((p) => p.name)).toEqual(['eu one', 'new one', 'us one']);
    expect(proxy(f, 'eu-1')).toMatchObject({ appliedVersion: v2, lag: 1, labels: { region: 'eu' }, spooledEvents: 12, rejectedVersion: null, rejectReason: null, stale: false });
    expect(proxy(f, 'us-1')).toMatchObject({ appliedVersion: v2, lag: 1, rejectedVersion: v3, rejectReason: 'provider "zhipu" has no API key' });
    expect(proxy(f, 'new-1')).toMatchObject({ appliedVersion: null, lag: v3 });

    // Applying the version clears the rejection; first-seen stays, last heartbeat moves.
    const before = proxy(f, 'us-1');
    await beat({ proxyId: 'us-1', name: 'us one', appliedVersion: v3 });
    const after = proxy(await fleet(), 'us-1');
    expect(after).toMatchObject({ appliedVersion: v3, lag: 0, rejectedVersion: null, rejectReason: null, firstSeenAt: before.firstSeenAt });
    expect(Date.parse(after.lastHeartbeatAt)).toBeGreaterThanOrEqual(Date.parse(before.lastHeartbeatAt));
  });

  it('marks a proxy stale when it stops beating, and fresh again on its next heartbeat', async () => {
    await beat({ proxyId: 'flaky', name: 'flaky', appliedVersion: 1 });
    expect(proxy(await fleet(), 'flaky').stale).toBe(false);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(proxy(await fleet(), 'flaky').stale).toBe(true);
    await beat({ proxyId: 'flaky', name: 'flaky', appliedVersion: 1 });
    expect(proxy(await fleet(), 'flaky').stale).toBe(false);
  });

  it('is readable by admin, finance and viewer; not by reviewers, proxies or anonymous callers', async () => {
    for (const role of ['finance', 'viewer'] as const) {
      const token = (await cp.createUser(role)).token;
      expect((await cp.request('GET', '/fleet', undefined, token)).status).toBe(200);
    }
    expect((await cp.request('GET', '/fleet', undefined, (await cp.createUser('reviewer')).token)).status).toBe(403);
    expect((await cp.request('GET', '/fleet', undefined, cp.proxyToken)).status).toBe(403);
    expect((await cp.request('GET', '/fleet', undefined, null)).status).toBe(401);
  });
});
