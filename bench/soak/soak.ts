/**
 * `npm run bench:soak` — minutes of mixed traffic through two proxies into the spend
 * pipeline on real Postgres, every app in its own process from its built dist: the
 * simulated provider (with injected 500s and 429s), the control plane and two
 * proxies. Then the proxies drain, the rollups run, and it prints: client requests
 * == usage rows stored == requests in spend_daily; each process's RSS at the start
 * and end; client-visible errors against the faults injected. Exits 1 when the counts
 * differ or an error is not explained by an injected fault.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SEED_POLICY, type PolicyContentInput } from '@switchyard/contracts';
import { mb, startApp, type AppProcess } from './processes';
import { parseSoakConfig, SoakConfigError, type SoakConfig } from './soak-config';
import { emptyTotals, MIX, percentile, runTraffic } from './traffic';

const TEAM = 'soak';

/** The starter policy plus a bucket without fallbacks: the only place injected faults can reach a client. */
const POLICY: PolicyContentInput = {
  ...SEED_POLICY,
  buckets: [
    ...SEED_POLICY.buckets,
    {
      name: 'fragile',
      description: 'No fallback: injected upstream faults show here.',
      targets: [{ model: 'Qwen/Qwen3-32B', weight: 100 }],
      fallbacks: [],
      // A breaker opened by random faults would refuse requests no fault hit: kept out of this count.
      limits: { maxAttempts: 1, breakerFailures: 100 },
      cache: { exact: false, semantic: false },
    },
  ],
};

/** Upstream faults, per upstream model name: absorbed by fallbacks (Flash, Pro) or shown to clients (Qwen). */
const FAULTS = {
  'DeepSeek-V4-Flash': { errorRate: 0.05 },
  'DeepSeek-V4-Pro': { rate429: 0.03 },
  'Qwen3-32B': { errorRate: 0.1 },
};

async function createDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sy_soak_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function api(base: string, method: string, path: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as unknown;
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function soak(config: SoakConfig): Promise<number> {
  const started = Date.now();
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'sy-soak-'));
    dirs.push(d);
    return d;
  };
  const db = await createDatabase(config.databaseUrl);
  const apps: AppProcess[] = [];
  const pg = new Client({ connectionString: db.url });
  try {
    const proxyToken = randomBytes(24).toString('hex');
    const password = randomBytes(12).toString('hex');
    const redis: Record<string, string> = config.redisUrl ? { REDIS_URL: config.redisUrl } : {};
    const start = (name: string, entry: string, env: Record<string, string>, ready: RegExp) => startApp(name, entry, { PATH: config.path, ...env }, ready);
    const prefix = `sy-soak-${randomBytes(3).toString('hex')}`;

    const sim = await start('provider-sim', 'apps/provider-sim/dist/main.js', { SIM_PORT: '0', SIM_SEED: '7', SIM_TTFT_MS: '20', SIM_TOKENS_PER_SECOND: '600' }, /listening on (http:\/\/\S+)/);
    apps.push(sim);
    const simRoot = sim.url.replace(/\/v1$/, '');
    await fetch(`${simRoot}/__sim/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ models: FAULTS }) }).then((r) => {
      if (!r.ok) throw new Error(`could not set the simulator's faults: ${r.status}`);
    });

    const cp = await start(
      'control-plane',
      'apps/control-plane/dist/main.js',
      {
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: db.url,
        ...redis,
        QUEUE_PREFIX: prefix,
        DATA_DIR: tmp(),
        DASHBOARD_DIR: tmp(),
        ADMIN_EMAIL: 'soak@switchyard.test',
        ADMIN_PASSWORD: password,
        AUTH_SECRET: randomBytes(32).toString('hex'),
        PROXY_TOKEN: proxyToken,
        SEED_PROVIDER_BASE_URL: sim.url,
        ROLLUP_DELAY_MS: '1000',
        HEARTBEAT_INTERVAL_SECONDS: '2',
        LOG_LEVEL: 'warn',
      },
      /Control plane: API (http:\/\/\S+)\/api\/v1/,
    );
    apps.push(cp);
    const token = (await api(cp.url, 'POST', '/auth/login', { email: 'soak@switchyard.test', password })).token as string;
    const key = (await api(cp.url, 'POST', '/keys', { name: 'soak', team: TEAM }, token)).key as string;
    const draft = await api(cp.url, 'POST', '/policies/drafts', { name: 'soak', content: POLICY }, token);
    const version = (await api(cp.url, 'POST', `/policies/drafts/${draft.id}/publish`, { message: 'soak: fragile bucket' }, token)).version as number;

    const proxies: AppProcess[] = [];
    for (const id of ['soak-a', 'soak-b']) {
      const p = await start(
        `proxy ${id}`,
        'apps/proxy/dist/main.js',
        {
          CONTROL_PLANE_URL: cp.url,
          PROXY_TOKEN: proxyToken,
          PROXY_PORT: '0',
          PROXY_ID: id,
          PROXY_DATA_DIR: tmp(),
          PROXY_USAGE_FLUSH_MS: '250',
          PROXY_LOG_LEVEL: 'warn',
          PROXY_CACHE_PREFIX: `${prefix}:cache:`,
          ...redis,
        },
        /listening on (http:\/\/\S+)\/v1/,
      );
      proxies.push(p);
      apps.push(p);
    }
    // Ready when each proxy serves the soak policy to the soak key.
    for (const p of proxies) {
      await until(async () => {
        const r = await fetch(`${p.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
        const body = r.ok ? ((await r.json()) as { data: Array<{ id: string }> }) : null;
        return body?.data.some((m) => m.id === 'fragile') ? true : undefined;
      }, `${p.name} to load policy version ${version}`, 60_000);
    }

    const rssStart = new Map(apps.map((a) => [a.name, a.rss()]));
    const totals = emptyTotals();
    const trafficStarted = Date.now();
    console.log(`soak: ${(config.trafficMs / 1000).toFixed(0)} s of traffic, ${config.lanes} clients, 2 proxies (${config.redisUrl ? 'Redis cache and BullMQ' : 'in-process cache and queue'}), policy v${version}`);
    // RSS along the way, to tell growth that levels off (caches filling) from a leak.
    const rssSeries = new Map<string, string[]>(apps.map((a) => [a.name, []]));
    const progress = setInterval(() => {
      for (const a of apps) rssSeries.get(a.name)!.push(String(Math.round((a.rss() ?? 0) / 1024 / 1024)));
      const s = (Date.now() - trafficStarted) / 1000;
      console.log(`  ${s.toFixed(0)} s: ${totals.requests.toLocaleString('en-US')} requests (${(totals.requests / s).toFixed(0)}/s), ${Object.values(totals.errors).reduce((a, b) => a + b, 0)} client errors`);
    }, config.smoke ? 5_000 : 30_000);
    await runTraffic(
      proxies.map((p) => p.url),
      key,
      config.lanes,
      trafficStarted + config.trafficMs,
      totals,
    );
    clearInterval(progress);
    const trafficSeconds = (Date.now() - trafficStarted) / 1000;
    const rssEnd = new Map(apps.map((a) => [a.name, a.rss()]));

    // Flush: the proxies drain on SIGTERM and ship their last usage.
    const exits = await Promise.all(proxies.map((p) => p.stop()));
    await pg.connect();
    const count = async (sql: string) => Number(((await pg.query(sql, [TEAM])).rows[0] as { n: string | null }).n ?? 0);
    const storedNow = () => count('SELECT count(*) AS n FROM usage_events WHERE team = $1');
    const rolledUpNow = () => count('SELECT sum(requests) AS n FROM spend_daily WHERE team = $1');
    const sent = totals.requests;
    const stored = await until(async () => {
      const n = await storedNow();
      return n >= sent ? n : undefined;
    }, 'every event to be stored', 120_000).catch(() => storedNow());
    const rolledUp = await until(async () => {
      const n = await rolledUpNow();
      return n === stored ? n : undefined;
    }, 'the rollups to catch up', 180_000).catch(() => rolledUpNow());
    const distinct = await count('SELECT count(DISTINCT id) AS n FROM usage_events WHERE team = $1');
    const storedErrors = await count('SELECT count(*) AS n FROM usage_events WHERE team = $1 AND status >= 400');
    const simStats = (await (await fetch(`${simRoot}/__sim/stats`)).json()) as { faults: Record<string, number>; requests: { total: number } };
    const injected = Object.values(simStats.faults).reduce((a, b) => a + b, 0);
    const clientErrors = Object.values(totals.errors).reduce((a, b) => a + b, 0);

    const ok = sent === stored && stored === rolledUp && distinct === stored && totals.unexplained === 0 && clientErrors <= injected && storedErrors === clientErrors;
    const line = (k: string, v: string) => console.log(`  ${k.padEnd(34)}${v}`);
    console.log(`\nsoak result (${trafficSeconds.toFixed(0)} s of traffic, ${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
    line('events sent (client requests)', sent.toLocaleString('en-US'));
    line('events stored (usage rows)', `${stored.toLocaleString('en-US')} (distinct ids ${distinct.toLocaleString('en-US')})`);
    line('events in rollups (spend_daily)', rolledUp.toLocaleString('en-US'));
    line('counts match', sent === stored && stored === rolledUp && distinct === stored ? 'yes' : 'NO');
    line('throughput', `${(sent / trafficSeconds).toFixed(1)} requests/s (${totals.streams.toLocaleString('en-US')} streamed)`);
    line('latency p50 / p99', `${percentile(totals.latenciesMs, 50).toFixed(1)} / ${percentile(totals.latenciesMs, 99).toFixed(1)} ms`);
    line('cache outcomes', Object.entries(totals.cache).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', '));
    line('injected upstream faults', `${injected.toLocaleString('en-US')} (${Object.entries(simStats.faults).map(([k, v]) => `${k} ${v}`).join(', ')}) over ${simStats.requests.total.toLocaleString('en-US')} upstream calls`);
    line('client-visible errors', `${clientErrors.toLocaleString('en-US')} (${injected - clientErrors} faults absorbed by fallbacks)`);
    for (const [k, v] of Object.entries(totals.errors)) line('', `${v} × ${k}`);
    line('errors not explained by a fault', `${totals.unexplained} (transport failures ${totals.transport})`);
    line('error events stored', `${storedErrors.toLocaleString('en-US')}`);
    line('proxy exits after drain', exits.map(String).join(', '));
    console.log('  RSS                               start → end');
    for (const a of apps) line(`  ${a.name}`, `${mb(rssStart.get(a.name) ?? null)} → ${mb(rssEnd.get(a.name) ?? null)}   (MB along the way: ${rssSeries.get(a.name)!.join(' ')})`);
    console.log(`  mix: buckets ${MIX.buckets.map(([b, s]) => `${b} ${s * 100}%`).join(', ')}; streams ${MIX.streamShare * 100}%; repeated prompts ${MIX.repeatedShare * 100}%`);
    console.log(ok ? '\nsoak: PASS' : '\nsoak: FAIL (see above)');
    return ok ? 0 : 1;
  } finally {
    await pg.end().catch(() => undefined);
    for (const a of [...apps].reverse()) await a.stop(30_000).catch(() => undefined);
    if (config.keep) console.log(`soak database kept: ${db.url}`);
    else await db.drop().catch((err: Error) => console.error(`could not drop the soak database: ${err.message}`));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

let config: SoakConfig;
try {
  config = parseSoakConfig(process.argv.slice(2), process.env);
} catch (err) {
  if (err instanceof SoakConfigError) {
    console.error(`bench:soak: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
soak(config).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
