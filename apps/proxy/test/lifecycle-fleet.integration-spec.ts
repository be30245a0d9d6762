import type { FleetProxy } from '@switchyard/contracts';
import { ConfigError, loadProxyConfig } from '../src/config/proxy-config';
import { eventually, startCpFixture, type CpFixture } from './support/cp-fixture';

async function fleetEntry(fx: CpFixture, proxyId: string): Promise<FleetProxy | undefined> {
  return ((await fx.cp.request('GET', '/fleet')).body.proxies as FleetProxy[]).find((p) => p.proxyId === proxyId);
}

describe('proxy lifecycle in the fleet: register and acknowledge', () => {
  let fx: CpFixture;
  beforeAll(async () => {
    // Heartbeats a minute apart: anything the fleet learns sooner came from an immediate heartbeat.
    fx = await startCpFixture({ heartbeatIntervalSeconds: 60 });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('registers with its name and labels and reports the version it applied', async () => {
    const proxy = await fx.startProxy({ proxyId: 'edge-eu-1', proxyName: 'edge eu 1', labels: { region: 'eu', tier: 'gold' }, heartbeatMs: 60_000 });
    const live = (await fx.cp.request('GET', '/policies/live')).body.version as number;
    const entry = await eventually(async () => {
      const e = await fleetEntry(fx, 'edge-eu-1');
      return e?.appliedVersion === live && e;
    }, 'the heartbeat with the applied version');
    expect(entry).toMatchObject({ name: 'edge eu 1', labels: { region: 'eu', tier: 'gold' }, lag: 0, stale: false, rejectedVersion: null });
    await proxy.close();
  });

  it('acknowledges a newly applied version in a heartbeat at once, not an interval later', async () => {
    // A heartbeat every minute: only the immediate acknowledgement can report the new version in time.
    const proxy = await fx.startProxy({ proxyId: 'edge-ack', heartbeatMs: 60_000 });
    await eventually(async () => (await fleetEntry(fx, 'edge-ack'))?.appliedVersion === proxy.policyVersion() && proxy.policyVersion() !== null, 'the first heartbeat');
    const draft = await fx.cp.request('POST', '/policies/drafts', {});
    const content = draft.body.content;
    content.buckets[0].description = `edited ${Date.now()}`;
    await fx.cp.request('PUT', `/policies/drafts/${draft.body.id}`, { content });
    const published = (await fx.cp.request('POST', `/policies/drafts/${draft.body.id}/publish`, { message: 'ack test' })).body.version as number;
    await eventually(async () => (await fleetEntry(fx, 'edge-ack'))?.appliedVersion === published, 'the acknowledgement of the new version', 5_000);
    await proxy.close();
  });
});

describe('proxy lifecycle in the fleet: fail over and go stale', () => {
  let fx: CpFixture;
  beforeAll(async () => {
    fx = await startCpFixture({ heartbeatIntervalSeconds: 1, proxyStaleAfterSeconds: 2 });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('reads CONTROL_PLANE_URLS (first is primary) and PROXY_DRAIN_TIMEOUT_MS from the environment', () => {
    const c = loadProxyConfig({ CONTROL_PLANE_URLS: 'http://10.0.0.1:3000/, http://10.0.0.2:3000', PROXY_DRAIN_TIMEOUT_MS: '5000' });
    expect([c.controlPlaneUrl, c.controlPlaneUrls, c.drainTimeoutMs]).toEqual(['http://10.0.0.1:3000', ['http://10.0.0.1:3000', 'http://10.0.0.2:3000'], 5000]);
    expect(loadProxyConfig({ CONTROL_PLANE_URL: 'http://a:1', CONTROL_PLANE_URLS: 'http://b:2' }).controlPlaneUrls).toEqual(['http://a:1', 'http://b:2']);
    expect(loadProxyConfig({}).drainTimeoutMs).toBe(30_000);
    expect(() => loadProxyConfig({ CONTROL_PLANE_URLS: 'http://ok:1,ftp://nope' })).toThrow(ConfigError);
  });

  it('fails over to the next control-plane URL when the first does not answer', async () => {
    const proxy = await fx.startProxy({ proxyId: 'edge-failover', controlPlaneUrl: undefined, controlPlaneUrls: ['http://127.0.0.1:9', fx.cp.url], heartbeatMs: 200 });
    expect(proxy.config.controlPlaneUrls).toEqual(['http://127.0.0.1:9', fx.cp.url]);
    const live = (await fx.cp.request('GET', '/policies/live')).body.version as number;
    await eventually(() => proxy.policyVersion() === live, 'the policy through the second URL');
    await eventually(async () => (await fleetEntry(fx, 'edge-failover'))?.appliedVersion === live, 'a heartbeat through the second URL');
    await proxy.close();
  });

  it('is marked stale once its heartbeats stop', async () => {
    const proxy = await fx.startProxy({ proxyId: 'edge-stale', heartbeatMs: 200 });
    await eventually(async () => (await fleetEntry(fx, 'edge-stale'))?.stale === false, 'a fresh heartbeat');
    await proxy.close();
    const entry = await eventually(async () => {
      const e = await fleetEntry(fx, 'edge-stale');
      return e?.stale && e;
    }, 'the proxy to go stale', 10_000);
    expect(entry.name).toBe('edge-stale');
  });
});
