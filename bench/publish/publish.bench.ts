/**
 * `npm run bench:publish`: how long a policy publish takes to reach proxies on the SSE
 * stream — from the start of the publish request to each subscriber receiving the
 * `event: policy` frame. Runs on the built output (npm run build), embedded PGlite by
 * default; with DATABASE_URL, on real Postgres with a second scenario of two replicas
 * (publish on A, subscribers on B, LISTEN/NOTIFY in between). Each replica runs in its
 * own process, like a deployment; subscribers and the publishing client share this one.
 * Target: < 100 ms.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabaseOn } from '@switchyard/testing';
import { SEED_POLICY, type PolicyContentInput } from '@switchyard/contracts';
import { parseBenchConfig, type BenchConfig } from './bench-config';
import { PolicyListener } from './sse-listener';
import { summarize, type Summary } from './stats';

const TARGET_MS = 100;

const ADMIN = { email: 'bench@switchyard.local', password: `bench-${randomBytes(12).toString('hex')}` };
const PROXY_TOKEN = `bench-proxy-${randomBytes(18).toString('hex')}`;

interface Replica {
  api: string;
  token: string;
  /** CPU time (user + system) the replica's process has used, in ms. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

/** A control-plane replica in a child process (see control-plane-child.ts). */
async function startReplica(databaseUrl: string | null): Promise<Replica> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sy-bench-publish-'));
  const overrides = {
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    dataDir,
    admin: ADMIN,
    proxyToken: PROXY_TOKEN,
    authSecret: 'bench-secret-'.padEnd(48, 'x'),
    seedProviderBaseUrl: 'http://127.0.0.1:8090/v1',
    dashboardDir: join(dataDir, 'no-dashboard'),
    swagger: false,
    logLevel: 'error',
  };
  const child = fork(join(__dirname, 'control-plane-child.js'), [JSON.stringify(overrides)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`control plane exited during start-up (code ${code})`)));
  });
  const api = `${url}/api/v1`;
  const login = await call<{ token: string }>(api, null, 'POST', '/auth/login', ADMIN);
  return {
    api,
    token: login.token,
    cpuMs: () =>
      new Promise((resolve) => {
        const onMessage = (m: unknown) => {
          const cpu = (m as { cpu?: NodeJS.CpuUsage }).cpu;
          if (!cpu) return;
          child.off('message', onMessage);
          resolve((cpu.user + cpu.system) / 1000);
        };
        child.on('message', onMessage);
        child.send('cpu');
      }),
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function call<T>(api: string, token: string | null, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

let split = 0;
/** A new policy each time: the bulk bucket's split moves by one point. */
function nextPolicy(): PolicyContentInput {
  split = (split % 98) + 1;
  return {
    ...SEED_POLICY,
    buckets: SEED_POLICY.buckets.map((b) =>
      b.name === 'bulk' ? { ...b, targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 - split }, { model: 'zai-org/GLM-4-Plus', weight: split }] } : b,
    ),
  };
}

interface ScenarioResult {
  label: string;
  delivery: Summary;
  publishRequest: Summary;
  /** Control-plane CPU per publish (all replicas of the scenario together), ms. */
  cpuPerPublishMs: number;
}

/** N subscribers on `subscribeTo`; `versions` publishes on `publishOn`, one after another. */
async function runScenario(label: string, publishOn: Replica, subscribeTo: Replica, cfg: BenchConfig): Promise<ScenarioResult> {
  const listeners = Array.from({ length: cfg.subscribers }, () => new PolicyListener());
  await Promise.all(listeners.map((l) => l.open(`${subscribeTo.api}/proxy/policy/stream`, PROXY_TOKEN)));
  try {
    const live = await call<{ version: number }>(publishOn.api, publishOn.token, 'GET', '/policies/live');
    await Promise.all(listeners.map((l) => l.waitFor(live.version)));
    // Drafts are prepared first: only the publish itself is timed.
    const drafts: string[] = [];
    for (let i = 0; i < cfg.versions; i++) {
      drafts.push((await call<{ id: string }>(publishOn.api, publishOn.token, 'POST', '/policies/drafts', { content: nextPolicy() })).id);
    }
    const replicas = publishOn === subscribeTo ? [publishOn] : [publishOn, subscribeTo];
    const cpuBefore = await Promise.all(replicas.map((r) => r.cpuMs()));
    const delivery: number[] = [];
    const request: number[] = [];
    for (const [i, id] of drafts.entries()) {
      const t0 = performance.now();
      const published = await call<{ version: number }>(publishOn.api, publishOn.token, 'POST', `/policies/drafts/${id}/publish`, { message: `bench ${i + 1}` });
      request.push(performance.now() - t0);
      const arrivals = await Promise.all(listeners.map((l) => l.waitFor(published.version)));
      for (const at of arrivals) delivery.push(at - t0);
    }
    const cpuAfter = await Promise.all(replicas.map((r) => r.cpuMs()));
    const cpu = cpuAfter.reduce((sum, after, i) => sum + after - cpuBefore[i], 0);
    return { label, delivery: summarize(delivery), publishRequest: summarize(request), cpuPerPublishMs: cpu / cfg.versions };
  } finally {
    for (const l of listeners) l.close();
  }
}

function print(cfg: BenchConfig, results: ScenarioResult[], load: { before: number; after: number }) {
  const ms = (n: number) => n.toFixed(1).padStart(8);
  console.log(`\nbench:publish — ${cfg.subscribers} SSE subscribers, ${cfg.versions} publishes per scenario${cfg.smoke ? ' (smoke)' : ''}`);
  console.log('publish request start → `event: policy` received by each subscriber (ms)\n');
  const width = Math.max(...results.map((r) => r.label.length), 8);
  console.log(`${'scenario'.padEnd(width)}  samples    p50 ms    p99 ms    max ms  publish req p50  control-plane CPU/publish`);
  for (const r of results) {
    const d = r.delivery;
    console.log(`${r.label.padEnd(width)}  ${String(d.samples).padStart(7)}  ${ms(d.p50)}  ${ms(d.p99)}  ${ms(d.max)}  ${ms(r.publishRequest.p50)} ms  ${ms(r.cpuPerPublishMs)} ms`);
  }
  console.log(`\nmachine: ${cpus().length} CPUs, load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after (wall times grow with load; CPU per publish does not)`);
  const worst = Math.max(...results.map((r) => r.delivery.p99));
  console.log(`\ntarget: p99 < ${TARGET_MS} ms — ${worst < TARGET_MS ? 'met' : 'MISSED'} (worst p99 ${worst.toFixed(1)} ms)`);
  return worst < TARGET_MS;
}

async function main() {
  const cfg = parseBenchConfig(process.argv.slice(2), process.env);
  const results: ScenarioResult[] = [];
  const loadBefore = loadavg()[0];
  if (!cfg.databaseUrl) {
    console.log('embedded PGlite (set DATABASE_URL for real Postgres and the two-replica scenario)');
    const a = await startReplica(null);
    try {
      results.push(await runScenario('PGlite, one replica', a, a, cfg));
    } finally {
      await a.close();
    }
  } else {
    const db = await createDatabaseOn(cfg.databaseUrl, 'sy_bench_publish');
    let a: Replica | null = null;
    let b: Replica | null = null;
    try {
      a = await startReplica(db.url);
      b = await startReplica(db.url);
      results.push(await runScenario('Postgres, one replica', a, a, cfg));
      results.push(await runScenario('Postgres, publish on A → subscribers on B', a, b, cfg));
    } finally {
      await b?.close();
      await a?.close();
      await db.drop();
    }
  }
  const ok = print(cfg, results, { before: loadBefore, after: loadavg()[0] });
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
