import { Client } from 'pg';
import { createTestDatabase, testConfig, type TestDatabase } from '@switchyard/testing';
import type { PolicyVersionSummary } from '@switchyard/contracts';
import { startTcpRelay, type TcpRelay } from '../../proxy/test/support/tcp-relay';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { splitPolicy } from './support/policy-fixtures';
import { SseSubscriber } from './support/sse-subscriber';
import { eventually } from './support/usage-events';

/**
 * Postgres "restarts" under two control-plane replicas, and they recover without a
 * restart of their own. The machine's shared Postgres is never touched: the replicas
 * reach their test database through a TCP relay, and cutting every connection the
 * relay carries (and refusing new ones for a while) is exactly what a restart looks
 * like to a client — pooled connections die, the LISTEN connection dies, and new
 * connections fail until the server is back.
 */
const describeWithPostgres: jest.Describe = testConfig.databaseUrl ? describe : describe.skip;

describeWithPostgres('faults: Postgres restarted under the control plane', () => {
  let db: TestDatabase;
  let relay: TcpRelay;
  let a: ControlPlaneHarness;
  let b: ControlPlaneHarness;
  let admin: Client;

  /** LISTEN connections open on the test database (one per replica when all is well). */
  const listeners = async () => {
    const name = new URL(db.url).pathname.slice(1);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN %'`, [name]);
    return (rows[0] as { n: number }).n;
  };
  const health = async (h: ControlPlaneHarness) => {
    const r = await fetch(`${h.api}/health`, { signal: AbortSignal.timeout(30_000) });
    return { status: r.status, body: (await r.json()) as { database: string; queue: string } };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const target = new URL(db.url);
    relay = await startTcpRelay(`http://${target.hostname}:${target.port || 5432}`);
    const relayed = new URL(db.url);
    relayed.port = new URL(relay.url).port;
    a = await startControlPlane({ databaseUrl: relayed.toString() });
    b = await startControlPlane({ databaseUrl: relayed.toString(), proxyToken: a.proxyToken, config: { admin: { email: a.adminEmail, password: a.adminPassword } } });
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await b?.close();
    await a?.close();
    await relay?.close();
    await db?.drop();
  });

  it('both replicas recover on their own: requests succeed again and a publish on one reaches an SSE subscriber on the other', async () => {
    expect(await eventually(async () => ((await listeners()) === 2 ? 2 : undefined), 30_000)).toBe(2);
    const sse = await SseSubscriber.open(`${b.api}/proxy/policy/stream`, b.proxyToken);
    try {
      await sse.policyVersion(1, 60_000);

      // Postgres goes away: every connection is cut, new ones are refused.
      await relay.pause();
      const down = await eventually(async () => {
        const h = await health(a);
        return h.status === 503 ? h : undefined;
      }, 60_000, 200);
      expect(down.body).toMatchObject({ database: 'down' });
      // A request now fails (it must not hang): the answer comes, whatever its error status.
      const during = await fetch(`${a.api}/policies/versions`, { headers: { authorization: `Bearer ${a.adminToken}` }, signal: AbortSignal.timeout(60_000) });
      expect(during.status).toBeGreaterThanOrEqual(500);
      // Long enough for the LISTEN connections to fail a few reconnect attempts.
      await new Promise((r) => setTimeout(r, 3_000));

      // It comes back at the same address.
      await relay.resume();
      for (const h of [a, b]) {
        await eventually(async () => ((await health(h)).status === 200 ? true : undefined), 60_000, 200);
        const versions = await eventually(async () => {
          const r = await h.request<PolicyVersionSummary[]>('GET', '/policies/versions');
          return r.status === 200 ? r.body : undefined;
        }, 60_000, 200);
        expect(versions.map((v) => v.version)).toEqual([1]);
      }

      // Each replica listens again — once: one LISTEN connection each, no duplicates left over from failed attempts.
      expect(await eventually(async () => ((await listeners()) >= 2 ? true : undefined), 60_000, 200)).toBe(true);
      await new Promise((r) => setTimeout(r, 6_000)); // past the longest reconnect back-off: any straggler would have connected by now
      expect(await listeners()).toBe(2);

      // A publish on A after the cut reaches the subscriber on B.
      const v = await a.publish(splitPolicy(30), 'after the restart');
      expect(v).toBe(2);
      const pushed = JSON.parse((await sse.policyVersion(2, 60_000)).data) as { message: string };
      expect(pushed.message).toBe('after the restart');
      // Writes work on B too.
      expect(await b.publish(splitPolicy(40), 'from B')).toBe(3);
    } finally {
      sse.close();
    }
  }, 400_000);
});
