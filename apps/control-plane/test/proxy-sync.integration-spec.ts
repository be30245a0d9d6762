import { policySnapshot, SEED_POLICY, type HeartbeatResponse, type PolicySnapshot, type ProxyKeySet } from '@switchyard/contracts';
import { hashApiKey } from '../src/modules/keys/keys.service';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { rawGet as get, splitPolicy, untilWaiting } from './support/policy-fixtures';
import { SseSubscriber } from './support/sse-subscriber';

describe('proxy sync: policy pull, long-poll, stream, keys, heartbeat', () => {
  let cp: ControlPlaneHarness;
  let auth: Record<string, string>;
  let n = 1;
  const publishNew = () => cp.publish(splitPolicy(n++), `split ${n}`);
  const latest = async () => (await cp.request('GET', '/policies/live')).body.version as number;

  beforeAll(async () => {
    cp = await startControlPlane();
    auth = { authorization: `Bearer ${cp.proxyToken}` };
  });
  afterAll(async () => {
    await cp?.close();
  });

  it('serves the live snapshot with ETag "<version>"; the same ETag gets 304', async () => {
    const v = await latest();
    const r = await get(`${cp.api}/proxy/policy`, auth);
    expect(r.status).toBe(200);
    expect(r.headers.etag).toBe(`"${v}"`);
    expect(r.headers['content-type']).toMatch(/application\/json/);
    const snap = JSON.parse(r.body) as PolicySnapshot;
    expect(policySnapshot.parse(snap)).toEqual(snap);
    expect(snap.version).toBe(v);
    expect(snap).toEqual((await cp.request('GET', '/policies/live')).body.snapshot);

    for (const tag of [`"${v}"`, `W/"${v}"`, `"0", "${v}"`]) {
      const again = await get(`${cp.api}/proxy/policy`, { ...auth, 'if-none-match': tag });
      expect([tag, again.status, again.body]).toEqual([tag, 304, '']);
      expect(again.headers.etag).toBe(`"${v}"`);
    }
    expect((await get(`${cp.api}/proxy/policy`, { ...auth, 'if-none-match': '"0"' })).status).toBe(200);
  });

  it('answers a long poll with 304 when nothing newer is published in time', async () => {
    const v = await latest();
    const r = await get(`${cp.api}/proxy/policy?wait=1`, { ...auth, 'if-none-match': `"${v}"` });
    expect(r.status).toBe(304);
  });

  it('wakes a long poll with the version published while it waits', async () => {
    const v = await latest();
    const poll = get(`${cp.api}/proxy/policy?wait=30`, { ...auth, 'if-none-match': `"${v}"` });
    await untilWaiting(cp);
    const published = await publishNew();
    const r = await poll;
    expect(r.status).toBe(200);
    expect(r.headers.etag).toBe(`"${published}"`);
    expect(JSON.parse(r.body).version).toBe(published);
  });

  it('answers a poll at once when the proxy is behind, even with ?wait', async () => {
    const r = await get(`${cp.api}/proxy/policy?wait=30`, { ...auth, 'if-none-match': '"1"' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).version).toBe(await latest());
  });

  it('refuses a wait over 60 s or not a number, naming the parameter', async () => {
    for (const q of ['wait=61', 'wait=abc', 'wait=-1']) {
      const r = await get(`${cp.api}/proxy/policy?${q}`, auth);
      expect([q, r.status]).toEqual([q, 400]);
      expect(JSON.parse(r.body).issues[0].path).toBe('wait');
    }
  });

  it('streams the policy and keys on connect, then each publish and each key change', async () => {
    const sse = await SseSubscriber.open(`${cp.api}/proxy/policy/stream`, cp.proxyToken);
    try {
      expect(sse.status).toBe(200);
      expect(sse.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(sse.headers['cache-control']).toMatch(/no-transform/);
      expect(sse.headers['x-accel-buffering']).toBe('no');
      const v = await latest();
      const first = await sse.policyVersion(v);
      expect(policySnapshot.parse(JSON.parse(first.data)).version).toBe(v);
      const keys0 = JSON.parse((await sse.next((e) => e.event === 'keys')).data) as ProxyKeySet;

      const published = await publishNew();
      const pushed = JSON.parse((await sse.policyVersion(published)).data) as PolicySnapshot;
      expect(pushed).toEqual((await cp.request('GET', `/policies/versions/${published}`)).body.snapshot);

      const key = await cp.createApiKey('growth', 'bulk');
      const keysEvent = await sse.next((e) => e.event === 'keys' && (JSON.parse(e.data) as ProxyKeySet).revision !== keys0.revision);
      const set = JSON.parse(keysEvent.data) as ProxyKeySet;
      expect(set.keys).toContainEqual({ id: key.id, hash: hashApiKey(key.key), team: 'growth', defaultBucket: 'bulk' });
      expect(keysEvent.data).not.toContain(key.key);

      // Each version is sent once, in order.
      const versions = sse.events.filter((e) => e.event === 'policy').map((e) => JSON.parse(e.data).version);
      expect(versions).toEqual([v, published]);
    } finally {
      sse.close();
    }
  });

  it('serves the key set with ETag "<revision>" and 304 when unchanged', async () => {
    const r = await get(`${cp.api}/proxy/keys`, auth);
    expect(r.status).toBe(200);
    const set = JSON.parse(r.body) as ProxyKeySet;
    expect(r.headers.etag).toBe(`"${set.revision}"`);
    expect((await get(`${cp.api}/proxy/keys`, { ...auth, 'if-none-match': `"${set.revision}"` })).status).toBe(304);
    const key = await cp.createApiKey('ops');
    // The cache is refreshed by the bus notification; poll until it shows.
    let changed = r;
    for (let i = 0; i < 50 && changed.headers.etag === r.headers.etag; i++) {
      await new Promise((res) => setTimeout(res, 50));
      changed = await get(`${cp.api}/proxy/keys`, { ...auth, 'if-none-match': `"${set.revision}"` });
    }
    expect(changed.status).toBe(200);
    expect((JSON.parse(changed.body) as ProxyKeySet).keys.map((k) => k.id)).toContain(key.id);
  });

  it('records heartbeats and answers with the latest version and the interval', async () => {
    const v = await latest();
    const r = await cp.request<HeartbeatResponse>('POST', '/proxy/heartbeat', { proxyId: 'p-1', name: 'proxy one', appliedVersion: v }, cp.proxyToken);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ latestVersion: v, intervalSeconds: 5 });
    const bad = await cp.request('POST', '/proxy/heartbeat', { proxyId: 'has space', appliedVersion: 'x' }, cp.proxyToken);
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['appliedVersion', 'name', 'proxyId']);
  });

  it('opens the proxy routes to the proxy token only', async () => {
    const admin = { authorization: `Bearer ${cp.adminToken}` };
    for (const path of ['/proxy/policy', '/proxy/keys', '/proxy/policy/stream']) {
      expect([path, (await get(`${cp.api}${path}`, admin)).status]).toEqual([path, 403]);
      expect([path, (await get(`${cp.api}${path}`, {})).status]).toEqual([path, 401]);
    }
    expect((await cp.request('POST', '/proxy/heartbeat', { proxyId: 'x', name: 'x', appliedVersion: null })).status).toBe(403);
    expect((await cp.request('POST', '/proxy/heartbeat', { proxyId: 'x', name: 'x', appliedVersion: null }, null)).status).toBe(401);
  });
});

describe('proxy sync before any version exists, and at shutdown', () => {
  let cp: ControlPlaneHarness;
  let closed = false;
  beforeAll(async () => {
    cp = await startControlPlane({ config: { seedCatalog: false } });
  });
  afterAll(async () => {
    if (!closed) await cp?.close();
  });

  it('says 404 with a clear message, then wakes a waiting poll and a stream with the first version', async () => {
    const auth = { authorization: `Bearer ${cp.proxyToken}` };
    const r = await get(`${cp.api}/proxy/policy`, auth);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).message).toMatch(/No policy version has been published yet/);
    expect((await cp.request('GET', '/policies/live')).status).toBe(404);
    expect((await cp.request('GET', '/fleet')).body).toEqual({ latestVersion: null, proxies: [] });

    const sse = await SseSubscriber.open(`${cp.api}/proxy/policy/stream`, cp.proxyToken);
    const poll = get(`${cp.api}/proxy/policy?wait=30`, auth);
    try {
      await sse.next((e) => e.event === 'keys');
      await untilWaiting(cp, 2);
      expect(sse.events.filter((e) => e.event === 'policy')).toEqual([]);

      await cp.request('POST', '/providers', { name: 'openai', baseUrl: 'http://127.0.0.1:8090/v1', apiKeyEnv: 'OPENAI_API_KEY' });
      await cp.request('POST', '/models', { id: 'openai/gpt-4o', provider: 'openai', contextWindow: 128_000, inputPrice: '2.5', outputPrice: '10' });
      // A draft made with no live version starts from the starter policy.
      const draft = await cp.request('POST', '/policies/drafts', {});
      expect(draft.body).toMatchObject({ baseVersion: null, content: SEED_POLICY });
      const content = { defaultBucket: 'main', baselineModel: 'openai/gpt-4o', buckets: [{ name: 'main', targets: [{ model: 'openai/gpt-4o', weight: 100 }] }] };
      const version = await cp.publish(content, 'first');
      expect(version).toBe(1);

      const woken = await poll;
      expect(woken.status).toBe(200);
      expect(JSON.parse(woken.body).version).toBe(1);
      const pushed = JSON.parse((await sse.policyVersion(1)).data) as PolicySnapshot;
      expect(Object.keys(pushed.models)).toEqual(['openai/gpt-4o']);
    } finally {
      sse.close();
    }
  });

  it('ends open streams and answers waiting polls when it shuts down (no hang)', async () => {
    const auth = { authorization: `Bearer ${cp.proxyToken}` };
    const sse = await SseSubscriber.open(`${cp.api}/proxy/policy/stream`, cp.proxyToken);
    await sse.policyVersion(1);
    const poll = get(`${cp.api}/proxy/policy?wait=60`, { ...auth, 'if-none-match': '"1"' });
    await untilWaiting(cp, 2);
    closed = true;
    await cp.close();
    expect((await poll).status).toBe(304);
    await sse.next(() => false, 5_000).catch((err: Error) => expect(err.message).toMatch(/stream ended/));
    expect(sse.closed).toBe(true);
  });
});
