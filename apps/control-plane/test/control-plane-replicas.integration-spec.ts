import { createTestDatabase, testConfig } from '@switchyard/testing';
import type { PolicyVersionSummary } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { rawGet, splitPolicy, untilWaiting } from './support/policy-fixtures';
import { SseSubscriber } from './support/sse-subscriber';

/**
 * Two control-plane replicas on one database (LISTEN/NOTIFY carries the news). Needs a
 * real Postgres: embedded PGlite serves one connection, so one process at a time.
 */
const describeWithPostgres: jest.Describe = testConfig.databaseUrl ? describe : describe.skip;

describeWithPostgres('two control-plane replicas on one database', () => {
  let a: ControlPlaneHarness;
  let b: ControlPlaneHarness;
  beforeAll(async () => {
    a = await startControlPlane();
    b = await startControlPlane({ databaseUrl: a.databaseUrl, proxyToken: a.proxyToken, config: { admin: { email: a.adminEmail, password: a.adminPassword } } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('hold one login limit: failures spread over both replicas add up, and a success on either clears them', async () => {
    const email = 'spread@test.local';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await (i % 2 === 0 ? a : b).request('POST', '/auth/login', { email, password: 'x' }, null)).status);
    // Ten failures in all (five on each) use up the shared limit: the eleventh try is refused on either replica.
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const refused = await a.request('POST', '/auth/login', { email, password: 'x' }, null);
    expect(refused.body.retryAfterSeconds).toBeGreaterThan(0);
    // The admin's own failures: four on A, then a success on B forgets them.
    for (let i = 0; i < 4; i++) expect((await a.request('POST', '/auth/login', { email: a.adminEmail, password: 'wrong' }, null)).status).toBe(401);
    expect((await b.request('POST', '/auth/login', { email: a.adminEmail, password: a.adminPassword }, null)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await a.request('POST', '/auth/login', { email: a.adminEmail, password: 'wrong' }, null)).status).toBe(401);
    expect((await a.request('POST', '/auth/login', { email: a.adminEmail, password: 'wrong' }, null)).status).toBe(429);
  });

  it('share one seed: the second start neither re-seeds nor republishes', async () => {
    const versions = (await b.request<PolicyVersionSummary[]>('GET', '/policies/versions')).body;
    expect(versions.map((v) => v.version)).toEqual([1]);
    expect((await b.request('GET', '/models')).body).toHaveLength((await a.request('GET', '/models')).body.length);
  });

  it('a publish on A reaches an SSE subscriber and a long-poller on B', async () => {
    const auth = { authorization: `Bearer ${a.proxyToken}` };
    const sse = await SseSubscriber.open(`${b.api}/proxy/policy/stream`, b.proxyToken);
    try {
      await sse.policyVersion(1);
      const poll = rawGet(`${b.api}/proxy/policy?wait=30`, { ...auth, 'if-none-match': '"1"' });
      await untilWaiting(b, 2);
      const v = await a.publish(splitPolicy(25), 'published on A');
      expect(v).toBe(2);
      const pushed = JSON.parse((await sse.policyVersion(2)).data);
      expect(pushed.message).toBe('published on A');
      const polled = await poll;
      expect(polled.status).toBe(200);
      expect(JSON.parse(polled.body).version).toBe(2);
    } finally {
      sse.close();
    }
  });

  it('a key created on B reaches a subscriber on A; heartbeats on either show in both fleets', async () => {
    const sse = await SseSubscriber.open(`${a.api}/proxy/policy/stream`, a.proxyToken);
    try {
      const first = await sse.next((e) => e.event === 'keys');
      const key = await b.createApiKey('replicated');
      const next = await sse.next((e) => e.event === 'keys' && e !== first && JSON.parse(e.data).keys.some((k: { id: string }) => k.id === key.id));
      expect(next).toBeDefined();
    } finally {
      sse.close();
    }
    await a.request('POST', '/proxy/heartbeat', { proxyId: 'on-a', name: 'a', appliedVersion: 2 }, a.proxyToken);
    await b.request('POST', '/proxy/heartbeat', { proxyId: 'on-b', name: 'b', appliedVersion: 1 }, b.proxyToken);
    const fleet = (await b.request('GET', '/fleet')).body;
    expect(fleet.proxies.map((p: { proxyId: string; lag: number }) => [p.proxyId, p.lag])).toEqual([
      ['on-a', 0],
      ['on-b', 1],
    ]);
  });

  it('concurrent publishes on both replicas never collide', async () => {
    const results = await Promise.all([
      ...[31, 32, 33].map((n) => a.publish(splitPolicy(n), `A ${n}`)),
      ...[41, 42, 43].map((n) => b.publish(splitPolicy(n), `B ${n}`)),
    ]);
    expect([...results].sort((x, y) => x - y)).toEqual([3, 4, 5, 6, 7, 8]);
    // Both replicas' caches converge on the latest version.
    for (const h of [a, b]) {
      let r = await rawGet(`${h.api}/proxy/policy`, { authorization: `Bearer ${h.proxyToken}` });
      for (let i = 0; i < 50 && JSON.parse(r.body).version !== 8; i++) {
        await new Promise((res) => setTimeout(res, 50));
        r = await rawGet(`${h.api}/proxy/policy`, { authorization: `Bearer ${h.proxyToken}` });
      }
      expect(JSON.parse(r.body).version).toBe(8);
    }
  });
});

describeWithPostgres('two replicas starting at once on an empty catalog', () => {
  it('seed the catalog and publish the starter policy exactly once', async () => {
    const db = await createTestDatabase();
    const admin = { email: 'admin@test.local', password: 'same-password-for-both' };
    // Migrated (and the admin created) by a start that seeds nothing; then two starts race to seed.
    await (await startControlPlane({ databaseUrl: db.url, config: { admin, seedCatalog: false } })).close();
    const both = await Promise.all([
      startControlPlane({ databaseUrl: db.url, proxyToken: 'same-proxy-token-for-both-replicas', config: { admin } }),
      startControlPlane({ databaseUrl: db.url, proxyToken: 'same-proxy-token-for-both-replicas', config: { admin } }),
    ]);
    try {
      const versions = (await both[0].request<PolicyVersionSummary[]>('GET', '/policies/versions')).body;
      expect(versions.map((v) => v.version)).toEqual([1]);
      const providers = (await both[1].request('GET', '/providers')).body;
      expect(providers).toHaveLength(4);
      const seeded = both.map((h) => h.running.firstStart.catalog?.seeded).sort();
      expect(seeded).toEqual([false, true]);
    } finally {
      await Promise.all(both.map((h) => h.close()));
      await db.drop();
    }
  });
});
