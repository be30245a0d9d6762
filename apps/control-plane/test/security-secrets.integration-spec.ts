import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Client } from 'pg';
import { SEED_POLICY } from '@switchyard/contracts';
import { createTestDatabase, testConfig, uniqueRedisPrefix, type TestDatabase } from '@switchyard/testing';
import { startProviderSim, type ProviderSim } from '../../provider-sim/src';
import { eventually } from './support/usage-events';
import { spawnTs, type TsChild } from './support/ts-child';

/**
 * Secrets never leak: a full flow against a real control-plane process and a real
 * proxy process, both at their most verbose log level — log in, add a provider whose
 * key lives in an environment variable of the proxy, add a model and an API key,
 * publish, send traffic (answers, streams, errors) — then every byte they printed,
 * every response they gave, every row in the database and every file the proxy wrote
 * is searched for the admin password, the API key, the provider key, the proxy token
 * and the session-signing secret. Only the one response that creates the API key may
 * hold it. Needs a real Postgres (two processes share the database).
 */
const describeWithPostgres: jest.Describe = testConfig.databaseUrl ? describe : describe.skip;

const secret = (label: string) => `${label}-${randomBytes(18).toString('base64url')}`;

describeWithPostgres('security: secrets never appear in logs, responses, the database or the proxy’s files', () => {
  const SECRETS = {
    adminPassword: secret('pw'),
    providerKey: secret('sk-upstream'),
    proxyToken: secret('ptk'),
    authSecret: secret('auth').padEnd(48, 'z'),
  };
  let apiKey = '';
  let db: TestDatabase;
  let sim: ProviderSim;
  let cp: TsChild | null = null;
  let proxy: TsChild | null = null;
  const dirs: string[] = [];
  /** Every response seen in the flow: "METHOD path status\nheaders\nbody". */
  const responses: string[] = [];
  let createKeyResponse = '';

  const tmp = (label: string) => {
    const d = mkdtempSync(join(tmpdir(), `sy-secrets-${label}-`));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    // The upstream accepts only the provider key: traffic that succeeds proves the proxy sent it.
    sim = await startProviderSim({ port: 0, apiKey: SECRETS.providerKey });
  });
  afterAll(async () => {
    await proxy?.kill('SIGKILL');
    await cp?.kill('SIGKILL');
    await sim?.close();
    await db?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('runs the full flow and finds no secret anywhere it must not be', async () => {
    cp = spawnTs('apps/control-plane/src/main.ts', {
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: db.url,
      ...(testConfig.redisUrl ? { REDIS_URL: testConfig.redisUrl, QUEUE_PREFIX: uniqueRedisPrefix('secrets').slice(0, -1) } : {}),
      DATA_DIR: tmp('cp'),
      DASHBOARD_DIR: tmp('no-dashboard'),
      ADMIN_EMAIL: 'admin@secrets.test',
      ADMIN_PASSWORD: SECRETS.adminPassword,
      AUTH_SECRET: SECRETS.authSecret,
      PROXY_TOKEN: SECRETS.proxyToken,
      SEED_PROVIDER_BASE_URL: sim.url,
      HEARTBEAT_INTERVAL_SECONDS: '1',
      ROLLUP_DELAY_MS: '200',
      LOG_LEVEL: 'verbose',
    });
    const cpUrl = (await cp.waitFor(/Control plane: API (http:\/\/[^\s]+)\/api\/v1/))[1];
    const api = `${cpUrl}/api/v1`;

    let token: string | null = null;
    const call = async (method: string, path: string, body?: unknown, auth: string | null = token) => {
      const headers: Record<string, string> = {};
      if (auth) headers.authorization = `Bearer ${auth}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      const record = `${method} ${path} ${res.status}\n${JSON.stringify([...res.headers])}\n${text}`;
      return { status: res.status, text, json: () => JSON.parse(text), record };
    };
    const seen = async (method: string, path: string, body?: unknown, auth?: string | null) => {
      const r = await call(method, path, body, auth === undefined ? token : auth);
      responses.push(r.record);
      return r;
    };

    // Log in: a wrong password first (failure paths log too), then the right one.
    expect((await seen('POST', '/auth/login', { email: 'admin@secrets.test', password: `${SECRETS.adminPassword}x` }, null)).status).toBe(401);
    const login = await call('POST', '/auth/login', { email: 'admin@secrets.test', password: SECRETS.adminPassword }, null);
    expect(login.status).toBe(200);
    token = login.json().token as string;

    // A provider whose key the proxy reads from SY_VAULT_KEY, a model on it, a bucket for it.
    expect((await seen('POST', '/providers', { name: 'vault', baseUrl: sim.url, apiKeyEnv: 'SY_VAULT_KEY' })).status).toBe(201);
    expect((await seen('POST', '/models', { id: 'vault/keeper', provider: 'vault', upstreamModel: 'gpt-4o', contextWindow: 128000, inputPrice: '1', outputPrice: '2' })).status).toBe(201);
    const created = await call('POST', '/keys', { name: 'secrets test', team: 'vault-team', defaultBucket: null });
    expect(created.status).toBe(201);
    apiKey = created.json().key as string;
    createKeyResponse = created.record;
    const draft = await seen('POST', '/policies/drafts', {
      content: { ...SEED_POLICY, buckets: [...SEED_POLICY.buckets, { name: 'vault', targets: [{ model: 'vault/keeper', weight: 100 }] }] },
    });
    expect(draft.status).toBe(201);
    const published = await seen('POST', `/policies/drafts/${draft.json().id}/publish`, { message: 'vault bucket' });
    expect(published.status).toBe(201);
    const version = published.json().version as number;

    const proxyDir = tmp('proxy');
    proxy = spawnTs('apps/proxy/src/main.ts', {
      CONTROL_PLANE_URL: cpUrl,
      PROXY_TOKEN: SECRETS.proxyToken,
      PROXY_PORT: '0',
      PROXY_ID: 'secrets-proxy',
      PROXY_DATA_DIR: proxyDir,
      PROXY_LOG_LEVEL: 'debug',
      PROXY_USAGE_FLUSH_MS: '100',
      SY_VAULT_KEY: SECRETS.providerKey,
    });
    const proxyUrl = (await proxy.waitFor(/listening on (http:\/\/[^\s]+)\/v1/))[1];
    const client = new OpenAI({ baseURL: `${proxyUrl}/v1`, apiKey, maxRetries: 0, timeout: 60_000 });
    await eventually(async () => ((await client.models.list()).data.some((m) => m.id === 'vault') ? true : undefined), 60_000, 200);

    // Traffic: an answer, a stream, and the error paths (bad key, bad body, an upstream refusing a request without its key).
    const { data: one, response } = await client.chat.completions.create({ model: 'vault', messages: [{ role: 'user', content: 'hello vault' }] }).withResponse();
    expect(one.choices[0].message.content).toBeTruthy();
    responses.push(`proxy chat ${response.status}\n${JSON.stringify([...response.headers])}\n${JSON.stringify(one)}`);
    expect(response.headers.get('x-switchyard-policy-version')).toBe(String(version));
    let streamed = '';
    for await (const chunk of await client.chat.completions.create({ model: 'vault', stream: true, messages: [{ role: 'user', content: 'stream vault' }] })) streamed += JSON.stringify(chunk);
    responses.push(`proxy stream\n${streamed}`);
    const raw = async (path: string, init: RequestInit) => {
      const res = await fetch(`${proxyUrl}${path}`, init);
      const text = await res.text();
      responses.push(`proxy ${init.method ?? 'GET'} ${path} ${res.status}\n${JSON.stringify([...res.headers])}\n${text}`);
      return res.status;
    };
    const json = { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` };
    expect(await raw('/v1/chat/completions', { method: 'POST', headers: { ...json, authorization: `Bearer ${apiKey}x` }, body: '{"model":"vault","messages":[{"role":"user","content":"x"}]}' })).toBe(401);
    expect(await raw('/v1/chat/completions', { method: 'POST', headers: json, body: '{"model":"vault","messages":' })).toBe(400);
    // The seeded providers' key variables are unset on this proxy: the upstream refuses, the client gets an error.
    expect(await raw('/v1/chat/completions', { method: 'POST', headers: json, body: '{"model":"openai/gpt-4o","messages":[{"role":"user","content":"x"}]}' })).toBeGreaterThanOrEqual(400);
    expect(await raw('/v1/models', { headers: json })).toBe(200);
    expect(await raw('/metrics', {})).toBe(200);
    expect(await raw('/healthz', {})).toBe(200);

    // Usage reaches the control plane, and the fleet shows the proxy.
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      await eventually(async () => {
        const [r] = (await pg.query('SELECT count(*)::int AS n FROM usage_events WHERE proxy_id = $1', ['secrets-proxy'])).rows as Array<{ n: number }>;
        // The answer, the stream and the refused upstream call (requests refused before routing record nothing).
        return r.n >= 3 ? true : undefined;
      }, 60_000, 200);
      for (const path of ['/providers', '/models', '/keys', '/policies/live', '/policies/versions', '/fleet', '/audit?limit=200', '/users', '/auth/me', '/health']) {
        expect((await seen('GET', path)).status).toBeLessThan(300);
      }
      for (const path of ['/proxy/policy', '/proxy/keys']) expect((await seen('GET', path, undefined, SECRETS.proxyToken)).status).toBe(200);

      // Every row of every table, as text.
      const tables = (await pg.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows as Array<{ tablename: string }>;
      let dump = '';
      for (const { tablename } of tables) {
        const rows = (await pg.query(`SELECT t::text AS row FROM "${tablename.replace(/"/g, '')}" t`)).rows as Array<{ row: string }>;
        dump += rows.map((r) => r.row).join('\n');
      }
      expect(dump).toContain('SY_VAULT_KEY');
      expect(dump).toContain('vault-team');

      await proxy.kill('SIGTERM');
      await cp.kill('SIGTERM');
      const logs = { controlPlane: cp.output(), proxy: proxy.output() };
      // The logs are real and verbose: Nest mapped routes, the proxy logged at debug level.
      expect(logs.controlPlane).toMatch(/Mapped \{\/api\/v1\/keys, POST\}/);
      expect(logs.proxy).toMatch(/"level":"(debug|info)"/);
      const files = readTree(proxyDir);
      expect(files.length).toBeGreaterThan(0);

      const leaks: string[] = [];
      const places: Record<string, string> = {
        'control-plane logs': logs.controlPlane,
        'proxy logs': logs.proxy,
        responses: responses.join('\n\n'),
        database: dump,
        'proxy data dir': files.join('\n'),
      };
      const all: Record<string, string> = { ...SECRETS, apiKey };
      for (const [place, text] of Object.entries(places)) {
        for (const [name, value] of Object.entries(all)) if (text.includes(value)) leaks.push(`${name} in ${place}`);
      }
      console.log(
        `secrets scan: ${Object.keys(all).length} secrets × ${Object.keys(places).length} places (${Object.values(places).reduce((n, t) => n + t.length, 0).toLocaleString('en-US')} chars, ${responses.length} responses), ${leaks.length} leaks`,
      );
      expect(leaks).toEqual([]);
      // The one response allowed to show the key shows it exactly once.
      expect(createKeyResponse.split(apiKey).length - 1).toBe(1);
    } finally {
      await pg.end();
    }
  }, 300_000);
});

/** Every file under a folder, as "path\ncontent". */
function readTree(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? readTree(p) : [`${p}\n${readFileSync(p, 'utf8')}`];
  });
}
