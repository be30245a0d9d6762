import { randomUUID } from 'node:crypto';
import { describeWithRedis, uniqueRedisPrefix } from '@switchyard/testing';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { startRedisServer, type RedisServer } from '@switchyard/testing';
import { eventually, makeEvent, postUsage, sql } from './support/usage-events';

/**
 * Redis goes away and comes back (a dedicated redis-server child, never the shared
 * one): the control plane's health says the queue is down, usage is still accepted,
 * and the rollup work queued before and during the outage runs once Redis returns —
 * without restarting the control plane. Redis keeps an append-only file, as in
 * docker/compose.yaml, so jobs waiting in it survive its restart. Runs where a real
 * Redis is configured (REDIS_URL), i.e. where redis-server is installed.
 */
describeWithRedis('faults: Redis down and back', () => {
  let redis: RedisServer;
  let cp: ControlPlaneHarness | null;
  const team = `redis-fault-${randomUUID().slice(0, 6)}`;
  const today = new Date().toISOString().slice(0, 10);

  const health = async () => {
    const r = await fetch(`${cp!.api}/health`, { signal: AbortSignal.timeout(30_000) });
    return { status: r.status, body: (await r.json()) as { status: string; queue: string; database: string; queueDriver: string } };
  };
  const rolledUp = async () => {
    const [r] = await sql<{ n: string | null }>(cp!, `SELECT sum(requests)::text AS n FROM spend_daily WHERE day = $1 AND team = $2`, [today, team]);
    return Number(r.n ?? 0);
  };
  const current = () => {
    if (!cp) throw new Error('control plane closed');
    return cp;
  };
  const events = (n: number) => Array.from({ length: n }, () => makeEvent({ team, ts: new Date().toISOString() }));

  beforeAll(async () => {
    redis = await startRedisServer({ persist: true });
    // The default 10 s rollup window: a job queued just before Redis stops is still waiting when it stops.
    cp = await startControlPlane({ redisUrl: redis.url, config: { rollupDelayMs: 10_000, queuePrefix: uniqueRedisPrefix('faults').slice(0, -1) } });
  }, 120_000);
  afterAll(async () => {
    await cp?.close();
    await redis?.close();
  });

  it('reports the queue down (503) while Redis is away, keeps taking usage, and runs every queued rollup once it is back', async () => {
    const cp = current();
    expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', queue: 'up', database: 'up', queueDriver: 'bullmq' }) });

    // Usage arrives; its rollup job waits out the rollup window in Redis — and Redis stops.
    expect((await postUsage(cp, events(5))).body).toMatchObject({ stored: 5 });
    await redis.stop();
    expect(await rolledUp()).toBe(0);

    const down = await eventually(async () => {
      const h = await health();
      return h.status === 503 ? h : undefined;
    }, 60_000, 200);
    expect(down.body).toMatchObject({ status: 'degraded', queue: 'down', database: 'up' });

    // Proxies keep reporting during the outage: the batch is stored (and answered) now, its rollup comes later.
    const during = await fetch(`${cp.api}/proxy/usage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cp.proxyToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: events(3) }),
      signal: AbortSignal.timeout(45_000),
    });
    expect(during.status).toBeLessThan(300);
    expect(await during.json()).toMatchObject({ stored: 3 });
    const [{ n: stored }] = await sql<{ n: number }>(cp, 'SELECT count(*)::int AS n FROM usage_events WHERE team = $1', [team]);
    expect(stored).toBe(8);

    // Redis returns on the same address: the control plane reconnects on its own.
    await redis.start();
    const up = await eventually(async () => {
      const h = await health();
      return h.status === 200 ? h : undefined;
    }, 60_000, 200);
    expect(up.body).toMatchObject({ status: 'ok', queue: 'up' });

    // The job queued before the outage and the rollup asked for during it both run: every event is rolled up once.
    expect(await eventually(async () => ((await rolledUp()) === 8 ? 8 : undefined), 90_000, 250)).toBe(8);
    // And new work flows as usual.
    expect((await postUsage(cp, events(2))).body).toMatchObject({ stored: 2 });
    expect(await eventually(async () => ((await rolledUp()) === 10 ? 10 : undefined), 90_000, 250)).toBe(10);
  }, 400_000);

  it('shuts down cleanly while Redis is gone (no hang waiting for it)', async () => {
    await redis.stop();
    const closing = current().close().then(() => 'closed');
    cp = null;
    expect(await closing).toBe('closed');
  }, 120_000);
});
