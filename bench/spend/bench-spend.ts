import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createDatabaseOn } from '@switchyard/testing';
import { loadConfig, loadDatabase, loadRollups } from './bench-modules';
import { seedSpendDaily, seedUsageDay, shiftDay } from './seed';

/**
 * `npm run bench:spend` — the spend pipeline against a real Postgres (DATABASE_URL):
 *  1. recompute of one day holding 1,000,000 raw events (target < 15 s);
 *  2. GET /spend over 365 days grouped by bucket, 20 buckets × 50 models of spend_daily
 *     (target p95 < 100 ms), and the same range filtered to 10 models (read from the
 *     detailed table) for comparison;
 *  3. sustained ingestion through POST /proxy/usage, batches of 5,000 from several
 *     concurrent senders (target ≥ 20,000 events/s), rollups running as in production.
 * The control plane runs in a child process; a fresh database is created and dropped.
 * Options: --smoke (small sizes, seconds), --only rollup|spend|ingest, --events N, --days N, --duration S,
 * --senders N, --queries N, --keep.
 */
type Part = 'rollup' | 'spend' | 'ingest';

interface Options {
  only: Part | null;
  events: number;
  days: number;
  duration: number;
  senders: number;
  queries: number;
  keep: boolean;
  smoke: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { only: null, events: 1_000_000, days: 365, duration: 20, senders: 4, queries: 50, keep: false, smoke: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--smoke') Object.assign(o, { events: 20_000, days: 30, duration: 3, senders: 2, queries: 10, smoke: true });
    else if (a === '--events') o.events = Math.round(num());
    else if (a === '--days') o.days = Math.round(num());
    else if (a === '--duration') o.duration = num();
    else if (a === '--senders') o.senders = Math.round(num());
    else if (a === '--queries') o.queries = Math.round(num());
    else if (a === '--keep') o.keep = true;
    else if (a === '--only') {
      const part = argv[++i];
      if (part !== 'rollup' && part !== 'spend' && part !== 'ingest') throw new Error('--only takes rollup, spend or ingest');
      o.only = part;
    }
    else throw new Error(`unknown option ${a} (use --smoke, --only rollup|spend|ingest, --events N, --days N, --duration S, --senders N, --queries N, --keep)`);
  }
  return o;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => `${n.toFixed(1)} ms`;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

async function withDatabase<T>(serverUrl: string, keep: boolean, run: (url: string) => Promise<T>): Promise<T> {
  const db = await createDatabaseOn(serverUrl, 'sy_bench_spend');
  try {
    return await run(db.url);
  } finally {
    if (keep) console.log(`(kept database ${db.name})`);
    else await db.drop();
  }
}

async function startControlPlane(databaseUrl: string, proxyToken: string, admin: { email: string; password: string }): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(join(__dirname, 'cp-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const redisUrl = process.env.REDIS_URL || null;
  child.send({ type: 'start', databaseUrl, redisUrl, queuePrefix: `sy-bench-${randomBytes(3).toString('hex')}`, admin, proxyToken });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { type: string; url?: string; message?: string }) => (m.type === 'ready' ? resolve(m.url!) : reject(new Error(m.message))));
    child.once('exit', (code) => reject(new Error(`control plane exited with ${code}`)));
  });
  return { url, child };
}

async function login(api: string, admin: { email: string; password: string }): Promise<string> {
  const r = await fetch(`${api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  if (r.status !== 200) throw new Error(`login failed: ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

/** Event templates with an id placeholder: a batch is 5,000 fresh ids spliced into them (cheap for the sender). */
function templates(): string[] {
  const ts = new Date().toISOString();
  return Array.from({ length: 40 }, (_, i) =>
    JSON.stringify({
      id: '__ID__',
      ts,
      proxyId: `proxy-${i % 4}`,
      policyVersion: 3,
      kind: 'production',
      endpoint: 'chat.completions',
      bucket: `bucket-${i % 20}`,
      requestedModel: `bucket-${i % 20}`,
      servedModel: `vendor/model-${(i * 7) % 50}`,
      apiKeyId: `key-${i % 10}`,
      team: `team-${(i * 13) % 10}`,
      stream: i % 2 === 0,
      promptTokens: 200 + i * 37,
      completionTokens: 50 + i * 11,
      cachedTokens: i % 5 === 0 ? 64 : 0,
      usageEstimated: false,
      cache: i % 10 === 3 ? 'exact' : 'miss',
      costUsd: i % 10 === 3 ? '0' : `0.000${(123456789 + i * 7919).toString().padStart(9, '0')}`,
      baselineCostUsd: `0.00${(987654321 + i * 104729).toString().padStart(10, '0')}`,
      cacheSavedUsd: i % 10 === 3 ? '0.00125' : '0',
      ttftMs: i % 2 === 0 ? 80 + i * 3.25 : null,
      totalMs: 120 + i * 17.5,
      status: i % 50 === 0 ? 502 : 200,
      errorType: i % 50 === 0 ? 'upstream_error' : null,
      attempts: 1,
    }),
  );
}

async function benchIngestion(api: string, proxyToken: string, o: Options) {
  const tpl = templates();
  const batch = () => {
    const parts = new Array<string>(5000);
    for (let i = 0; i < 5000; i++) parts[i] = tpl[i % tpl.length].replace('__ID__', randomUUID());
    return `{"events":[${parts.join(',')}]}`;
  };
  const warmupMs = Math.min(2000, (o.duration * 1000) / 4);
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + o.duration * 1000;
  let stored = 0;
  let rejected = 0;
  const latencies: number[] = [];
  const sender = async () => {
    let body = batch();
    while (performance.now() < end) {
      const t0 = performance.now();
      const res = await fetch(`${api}/proxy/usage`, { method: 'POST', headers: { authorization: `Bearer ${proxyToken}`, 'content-type': 'application/json' }, body });
      const r = (await res.json()) as { stored: number; rejected: unknown[] };
      if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${JSON.stringify(r).slice(0, 300)}`);
      const t1 = performance.now();
      if (t0 >= measureFrom && t1 <= end) {
        stored += r.stored;
        rejected += r.rejected.length;
        latencies.push(t1 - t0);
      }
      body = batch();
    }
  };
  await Promise.all(Array.from({ length: o.senders }, sender));
  const measuredMs = latencies.length > 0 ? Math.min(end, performance.now()) - measureFrom : 1;
  latencies.sort((a, b) => a - b);
  return { rate: (stored / measuredMs) * 1000, stored, rejected, batches: latencies.length, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95) };
}

async function timeQueries(url: string, token: string, n: number): Promise<{ p50: number; p95: number; max: number; points: number }> {
  let points = 0;
  const once = async () => {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { series: unknown[] };
    if (res.status !== 200) throw new Error(`GET /spend failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    points = body.series.length;
    return performance.now() - t0;
  };
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times[times.length - 1], points };
}

type Rollups = InstanceType<ReturnType<typeof loadRollups>['RollupService']>;
type Db = ReturnType<ReturnType<typeof loadDatabase>['createDataSource']>;

/** Recompute of one day holding `o.events` raw events (seeded in SQL), twice. */
async function benchRollup(ds: Db, rollups: Rollups, today: string, o: Options): Promise<string> {
  const bigDay = shiftDay(today, -3);
  process.stdout.write(`seeding ${fmt(o.events)} raw events on ${bigDay}… `);
  const t0 = performance.now();
  await seedUsageDay(ds, bigDay, o.events);
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const first = await rollups.recomputeDay(bigDay);
  const second = await rollups.recomputeDay(bigDay);
  const [{ total }] = await ds.query('SELECT sum(requests)::bigint AS total FROM spend_daily WHERE day = $1', [bigDay]);
  if (Number(total) !== o.events) throw new Error(`rollup counted ${total} requests, expected ${o.events}`);
  return (
    `rollup     recompute of one day holding ${fmt(o.events)} events: ${(first.ms / 1000).toFixed(2)} s (again: ${(second.ms / 1000).toFixed(2)} s)` +
    ` → ${fmt(first.rows)} spend_daily rows   target < 15 s`
  );
}

/** GET /spend over `o.days` days of spend_daily seeded directly (20 buckets × 50 models). */
async function benchSpend(ds: Db, rollups: Rollups, api: string, today: string, admin: { email: string; password: string }, o: Options): Promise<string[]> {
  const yearTo = shiftDay(today, -40);
  const yearFrom = shiftDay(yearTo, -(o.days - 1));
  process.stdout.write(`seeding spend_daily ${yearFrom}..${yearTo} (20 buckets × 50 models)… `);
  const t0 = performance.now();
  const seeded = await seedSpendDaily(ds, yearFrom, yearTo);
  await rollups.rebuildDims(yearFrom, yearTo);
  // What autovacuum does soon after a bulk load (statistics, visibility map for index-only scans).
  await ds.query('VACUUM ANALYZE spend_daily, spend_daily_dim');
  console.log(`${fmt(seeded)} rows, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const token = await login(api, admin);
  const byBucket = await timeQueries(`${api}/spend?from=${yearFrom}&to=${yearTo}&groupBy=bucket`, token, o.queries);
  const models = Array.from({ length: 10 }, (_, i) => `vendor/model-${String(i * 5 + 1).padStart(2, '0')}`).join(',');
  const filtered = await timeQueries(`${api}/spend?from=${yearFrom}&to=${yearTo}&groupBy=bucket&model=${models}`, token, Math.max(5, Math.round(o.queries / 2)));
  return [
    `spend      GET /spend ${o.days} days by bucket over ${fmt(seeded)} spend_daily rows (${fmt(byBucket.points)} points, HTTP + JSON): ` +
      `p50 ${ms(byBucket.p50)}, p95 ${ms(byBucket.p95)}, max ${ms(byBucket.max)}   target p95 < 100 ms`,
    `           same range filtered to 10 models (reads the detailed table, ${fmt(filtered.points)} points): p50 ${ms(filtered.p50)}, p95 ${ms(filtered.p95)}, max ${ms(filtered.max)}`,
  ];
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  // The rollup service logs through Nest's logger; only problems belong in the figures.
  Logger.overrideLogger(['error', 'warn']);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    console.error('bench:spend needs a real Postgres: set DATABASE_URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:spend');
    process.exit(2);
  }
  const admin = { email: 'bench@switchyard.local', password: randomBytes(12).toString('hex') };
  const proxyToken = `ptk-${randomBytes(18).toString('hex')}`;
  const lines: string[] = [];
  const startLoad = loadavg()[0];

  await withDatabase(serverUrl, o.keep, async (databaseUrl) => {
    const { url, child } = await startControlPlane(databaseUrl, proxyToken, admin);
    const api = `${url}/api/v1`;
    const { parseConfig } = loadConfig();
    const config = parseConfig({}, { databaseUrl });
    const ds = loadDatabase().createDataSource(databaseUrl, 4);
    await ds.initialize();
    try {
      const [{ version }] = await ds.query(`SELECT current_setting('server_version') AS version`);
      const today = new Date().toISOString().slice(0, 10);
      lines.push(`Switchyard spend benchmark — Postgres ${version}, ${cpus().length} CPUs, Node ${process.version}${o.smoke ? ' (--smoke: small sizes)' : ''}`);
      lines.push(`queue: ${process.env.REDIS_URL ? 'BullMQ (REDIS_URL)' : 'in-process'}; control plane in a child process; load generator in this one`);

      const rollups = new (loadRollups().RollupService)(ds, config);
      const run = (part: Part) => o.only === null || o.only === part;
      if (run('rollup')) lines.push(await benchRollup(ds, rollups, today, o));
      if (run('spend')) lines.push(...(await benchSpend(ds, rollups, api, today, admin, o)));
      if (run('ingest')) {
        console.log(`ingesting for ${o.duration} s with ${o.senders} senders…`);
        const ing = await benchIngestion(api, proxyToken, o);
        lines.push(
          `ingestion  POST /proxy/usage, batches of 5,000, ${o.senders} concurrent senders, ${o.duration} s: ${fmt(ing.rate)} events/s ` +
            `(${fmt(ing.stored)} stored in ${ing.batches} batches, ${ing.rejected} rejected; batch p50 ${ms(ing.p50)}, p95 ${ms(ing.p95)})   target ≥ 20,000 events/s`,
        );
      }
    } finally {
      await ds.destroy();
      child.disconnect();
      await new Promise((r) => child.once('exit', r));
    }
  });
  lines.push(`machine load average (1 min) at start ${startLoad.toFixed(1)}, at end ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs (other work on the machine slows every figure)`);
  console.log(`\n${lines.join('\n')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
