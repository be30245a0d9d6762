import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import OpenAI from 'openai';
import { Client } from 'pg';
import { createTestDatabase, testConfig, uniqueRedisPrefix, type TestDatabase } from '@switchyard/testing';
import { startProviderSim, type ProviderSim } from '../../provider-sim/src';
import { spawnTs, type TsChild } from '../../control-plane/test/support/ts-child';
import { splitPolicy } from '../../control-plane/test/support/policy-fixtures';
import { startProxy, type ProxyHandle } from '../src/server';
import { eventually } from './support/cp-fixture';

/**
 * The control-plane process is killed (SIGKILL, no goodbye) while two proxies carry
 * steady traffic — usage batches in flight at that moment included — and started again
 * later on the same database. The proxies keep serving on the last policy throughout,
 * spool their usage while it is gone and replay it after, and every client request is
 * counted exactly once: in the usage table and in the spend rollups. (The network-cut
 * outage with in-order replay is usage-spool.integration-spec's.) Needs a real
 * Postgres: the control plane is a separate process.
 */
const describeWithPostgres: jest.Describe = testConfig.databaseUrl ? describe : describe.skip;

describeWithPostgres('faults: control plane killed during traffic', () => {
  let db: TestDatabase;
  let sim: ProviderSim;
  let cp: TsChild | null = null;
  let pg: Client;
  const proxies: ProxyHandle[] = [];
  const dirs: string[] = [];
  const proxyToken = `ptk-${randomBytes(18).toString('hex')}`;
  const adminPassword = `pw-${randomBytes(12).toString('hex')}`;
  const team = `killed-${randomBytes(3).toString('hex')}`;
  const queuePrefix = uniqueRedisPrefix('cpkill').slice(0, -1);
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'sy-cpkill-'));
    dirs.push(d);
    return d;
  };

  /** The control plane as its own process; `port` 0 the first time, the same port after the kill. */
  async function startCp(port: number): Promise<string> {
    cp = spawnTs('apps/control-plane/src/main.ts', {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: db.url,
      ...(testConfig.redisUrl ? { REDIS_URL: testConfig.redisUrl, QUEUE_PREFIX: queuePrefix } : {}),
      DATA_DIR: tmp(),
      DASHBOARD_DIR: tmp(),
      ADMIN_EMAIL: 'admin@cpkill.test',
      ADMIN_PASSWORD: adminPassword,
      PROXY_TOKEN: proxyToken,
      AUTH_SECRET: 'cpkill-secret-'.padEnd(48, 'x'),
      SEED_PROVIDER_BASE_URL: sim.url,
      HEARTBEAT_INTERVAL_SECONDS: '1',
      ROLLUP_DELAY_MS: '200',
      LOG_LEVEL: 'error',
    });
    return (await cp.waitFor(/Control plane: API (http:\/\/[^\s]+)\/api\/v1/))[1];
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    sim = await startProviderSim({ port: 0 });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await cp?.kill('SIGKILL');
    await pg?.end();
    await sim?.close();
    await db?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('proxies serve through the outage on the last policy; spooled usage is replayed; every request is counted once, in usage and in rollups', async () => {
    const cpUrl = await startCp(0);
    const port = Number(new URL(cpUrl).port);
    const api = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await fetch(`${cpUrl}/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const token = (await api('POST', '/auth/login', { email: 'admin@cpkill.test', password: adminPassword })).body.token as string;
    const key = (await api('POST', '/keys', { name: 'cpkill', team }, token)).body.key as string;
    const publish = async (n: number, message: string) => {
      const draft = await api('POST', '/policies/drafts', { content: splitPolicy(n) }, token);
      const published = await api('POST', `/policies/drafts/${draft.body.id as string}/publish`, { message }, token);
      expect(published.status).toBe(201);
      return published.body.version as number;
    };
    const lastPolicy = await publish(20, 'the policy in force when the control plane dies');

    for (const id of ['cpkill-a', 'cpkill-b']) {
      proxies.push(await startProxy({ port: 0, controlPlaneUrl: cpUrl, proxyToken, proxyId: id, dataDir: tmp(), logLevel: 'silent', usageFlushMs: 50, heartbeatMs: 500 }));
    }
    const clients = proxies.map((p) => new OpenAI({ baseURL: `${p.url}/v1`, apiKey: key, maxRetries: 0, timeout: 60_000 }));
    await eventually(async () => proxies.every((p) => p.policyVersion() === lastPolicy), 'both proxies on the last policy', 60_000);
    await eventually(async () => (await Promise.all(clients.map((c) => c.models.list()))).length === 2, 'the key on both proxies', 60_000);

    // Steady traffic: 4 lanes alternating proxies, streams and not, until told to stop.
    let sent = 0;
    let failed = 0;
    const versionsSeen = new Set<string>();
    const failures: string[] = [];
    let stop = false;
    const lane = async (lane: number) => {
      for (let i = 0; !stop; i++) {
        const client = clients[(lane + i) % 2];
        const stream = (lane + i) % 3 === 0;
        try {
          if (stream) {
            const { data, response } = await client.chat.completions.create({ model: 'bulk', stream: true, messages: [{ role: 'user', content: `lane ${lane} request ${i}` }] }).withResponse();
            versionsSeen.add(response.headers.get('x-switchyard-policy-version') ?? '?');
            for await (const _ of data) void _;
          } else {
            const { response } = await client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: `lane ${lane} request ${i}` }] }).withResponse();
            versionsSeen.add(response.headers.get('x-switchyard-policy-version') ?? '?');
          }
          sent++;
        } catch (err) {
          failed++;
          failures.push(String((err as Error).message));
        }
      }
    };
    const until = async (n: number, what: string) => eventually(() => sent >= n, what, 120_000);
    const traffic = Promise.all([0, 1, 2, 3].map(lane));
    try {
      await until(40, 'traffic before the kill');
      // Killed mid-traffic: whatever usage batch is in flight gets no answer.
      await cp!.kill('SIGKILL');
      const atKill = sent;
      await until(atKill + 60, 'traffic while the control plane is dead');
      await eventually(() => proxies.some((p) => p.spooledEvents() > 0), 'usage spooled by a proxy', 60_000);
      expect([...versionsSeen]).toEqual([String(lastPolicy)]);

      // Back on the same address, same database.
      await startCp(port);
      const atRestart = sent;
      await until(atRestart + 40, 'traffic after the restart');
    } finally {
      stop = true;
      await traffic;
    }
    expect(failures).toEqual([]);
    expect(failed).toBe(0);

    // Everything drains to the control plane: spools empty, every request stored once.
    for (const p of proxies) await p.flushUsage();
    await eventually(() => proxies.every((p) => p.spooledEvents() === 0), 'the spools to be replayed', 120_000);
    const stored = async () => {
      const { rows } = await pg.query(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM usage_events WHERE team = $1`, [team]);
      return rows[0] as { n: number; ids: number };
    };
    await eventually(async () => (await stored()).n >= sent, `all ${sent} events stored`, 120_000);
    expect(await stored()).toEqual({ n: sent, ids: sent });
    const rolledUp = async () => {
      const { rows } = await pg.query(`SELECT coalesce(sum(requests), 0)::int AS n FROM spend_daily WHERE team = $1`, [team]);
      return (rows[0] as { n: number }).n;
    };
    await eventually(async () => (await rolledUp()) === sent, `all ${sent} requests in the rollups`, 120_000);
    expect(await rolledUp()).toBe(sent);
    console.log(`control plane killed: ${sent} client requests, 0 failed; ${sent} events stored (distinct ids ${sent}); ${sent} in spend_daily`);

    // The proxies are back in touch: a new publish reaches both.
    const next = await publish(35, 'after the restart');
    await eventually(() => proxies.every((p) => p.policyVersion() === next), 'the new version on both proxies', 60_000);
  }, 600_000);
});
