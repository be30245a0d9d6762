import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'undici';
import { SEED_POLICY, type PolicySnapshot, type ProxyKeySet } from '@switchyard/contracts';
import { buildSnapshot } from '@switchyard/testing';
import { ms, percentile } from './bench-modules';
import { freshPrompt, storedPrompt, variationOf } from './bench-prompts';
import type { BenchRedis } from './bench-redis';

interface Child {
  proc: ChildProcess;
  url: string;
}

async function spawnChild(role: 'sim' | 'proxy', proxy?: Record<string, unknown>): Promise<Child> {
  const proc = fork(join(__dirname, 'cache-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    proc.once('message', (m: { type: string; url?: string; message?: string }) => (m.type === 'ready' ? resolve(m.url!) : reject(new Error(m.message))));
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
    proc.send({ type: 'start', role, proxy });
  });
  return { proc, url };
}

function snapshot(simUrl: string): PolicySnapshot {
  const policy = { ...SEED_POLICY, buckets: [...SEED_POLICY.buckets, { name: 'bench', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], cache: { exact: true, semantic: true, ttlSeconds: 3600 } }] };
  return buildSnapshot({ baseUrl: `${simUrl}/v1`, policy });
}

type Kind = 'miss' | 'exact' | 'semantic' | 'bypass';
const KINDS: Kind[] = ['bypass', 'miss', 'exact', 'semantic'];

export interface LatencyResult {
  lines: string[];
}

/** Redis commands a request makes on the request path (the feed's XREAD and the expiry sweep run in the background). */
const REQUEST_COMMANDS = ['get', 'mget', 'set', 'hset', 'pexpire', 'sadd', 'zadd', 'xadd'];

/**
 * Part 1: sequential requests through the proxy (cache on, Redis), one at a time on
 * one keep-alive connection with a 2 ms pause between them, the four kinds
 * interleaved so drift in the machine's load hits all alike: a cache bypass (the uncached path), a miss (lookup, upstream,
 * store), an exact hit and a semantic hit. Then Redis commands and round trips per
 * request, each kind measured alone.
 */
export async function proxyLatency(redis: BenchRedis, probes: number, warmup: number): Promise<LatencyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sy-bench-cache-'));
  const apiKey = `sy_${randomBytes(24).toString('hex')}`;
  const sim = await spawnChild('sim');
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(snapshot(sim.url)));
  const keys: ProxyKeySet = { revision: 'bench', keys: [{ id: 'bench-key', hash: createHash('sha256').update(apiKey).digest('hex'), team: 'bench', defaultBucket: null }] };
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(keys));
  const proxy = await spawnChild('proxy', {
    policyFile: join(dir, 'policy.json'),
    keysFile: join(dir, 'keys.json'),
    dataDir: join(dir, 'proxy'),
    proxyId: 'bench-cache',
    usageFlushMs: 1000,
    cacheEnabled: true,
    redisUrl: redis.url,
    cachePrefix: `bench:${randomBytes(4).toString('hex')}:`,
  });
  const client = new Client(proxy.url, { pipelining: 1, keepAliveTimeout: 60_000 });
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const roundTrips = async () => {
    const res = await client.request({ method: 'GET', path: '/metrics' });
    const m = /^switchyard_proxy_cache_redis_round_trips (\d+)/m.exec(await res.body.text());
    return m ? Number(m[1]) : 0;
  };
  let fresh = 0;
  const send = async (kind: Kind, i: number, stream = false): Promise<number> => {
    const text = kind === 'exact' ? storedPrompt(i % 200) : kind === 'semantic' ? variationOf(i % 200) : freshPrompt(fresh++);
    const body = JSON.stringify({ model: 'bench', temperature: 0, stream, messages: [{ role: 'user', content: text }] });
    const h = kind === 'bypass' ? { ...headers, 'x-switchyard-cache': 'bypass' } : headers;
    const started = process.hrtime.bigint();
    const res = await client.request({ method: 'POST', path: '/v1/chat/completions', headers: h, body });
    let first = 0n;
    await new Promise<void>((resolve, reject) => {
      res.body.on('data', () => {
        if (first === 0n) first = process.hrtime.bigint();
      });
      res.body.once('end', resolve);
      res.body.once('error', reject);
    });
    const done = process.hrtime.bigint();
    const outcome = res.headers['x-switchyard-cache'];
    if (res.statusCode !== 200 || outcome !== kind) throw new Error(`a ${kind} request answered ${res.statusCode} with cache "${String(outcome)}" (${text})`);
    return Number((stream ? first : done) - started) / 1e6;
  };

  try {
    // The proxy connects to Redis in the background: start once it has.
    const end = Date.now() + 10_000;
    while (!/^switchyard_proxy_cache_backend_up 1$/m.test(await (await client.request({ method: 'GET', path: '/metrics' })).body.text())) {
      if (Date.now() > end) throw new Error('the proxy did not connect to Redis');
      await new Promise((r) => setTimeout(r, 50));
    }
    // The hit sets: 200 prompts, stored once (the semantic entries reach the index through the feed).
    for (let i = 0; i < 200; i++) {
      const body = JSON.stringify({ model: 'bench', temperature: 0, messages: [{ role: 'user', content: storedPrompt(i) }] });
      await (await client.request({ method: 'POST', path: '/v1/chat/completions', headers, body })).body.text();
    }
    await new Promise((r) => setTimeout(r, 500));

    const lines: string[] = [];
    for (const stream of [false, true]) {
      const samples = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
      for (let i = 0; i < warmup + probes; i++) {
        for (const k of KINDS) {
          const t = await send(k, i, stream);
          if (i >= warmup) samples.get(k)!.push(t);
          // A miss stores its answer after it went out: let that finish before the next request is timed.
          await new Promise((r) => setTimeout(r, 2));
        }
      }
      lines.push(stream ? 'Streaming, time to first byte (ms):' : 'Non-streaming, time to the whole answer (ms):');
      lines.push(`  ${'request'.padEnd(46)}${'p50'.padStart(9)}${'p99'.padStart(9)}`);
      const label: Record<Kind, string> = {
        bypass: 'cache bypassed (x-switchyard-cache: bypass)',
        miss: 'miss to a zero-latency upstream (then stored)',
        exact: 'exact hit',
        semantic: 'semantic hit (template variation)',
      };
      for (const k of KINDS) lines.push(`  ${label[k].padEnd(46)}${ms(percentile(samples.get(k)!, 50)).padStart(9)}${ms(percentile(samples.get(k)!, 99)).padStart(9)}`);
      const ratio = percentile(samples.get('exact')!, 50) / percentile(samples.get('miss')!, 50);
      lines.push(`  exact hit p50 / miss p50 = ${ratio.toFixed(2)}`);
    }

    lines.push('', `Redis per request (${redis.dedicated ? 'a redis-server of this run, so INFO commandstats counts the proxy alone' : 'shared Redis: command counts include other clients'}):`);
    lines.push(`  ${'request'.padEnd(12)}${'round trips'.padStart(12)}${'commands'.padStart(10)}  commands by name`);
    const n = Math.max(20, Math.min(probes, 200));
    for (const k of ['miss', 'exact', 'semantic', 'bypass'] as Kind[]) {
      await new Promise((r) => setTimeout(r, 300));
      const rt0 = await roundTrips();
      const c0 = await redis.commandCalls();
      for (let i = 0; i < n; i++) await send(k, 1000 + i);
      await new Promise((r) => setTimeout(r, 300));
      const rt1 = await roundTrips();
      const c1 = await redis.commandCalls();
      const byName = REQUEST_COMMANDS.map((c) => [c, ((c1.get(c) ?? 0) - (c0.get(c) ?? 0)) / n] as const).filter(([, v]) => v > 0);
      const total = byName.reduce((s, [, v]) => s + v, 0);
      lines.push(`  ${k.padEnd(12)}${((rt1 - rt0) / n).toFixed(2).padStart(12)}${total.toFixed(2).padStart(10)}  ${byName.map(([c, v]) => `${c} ${v.toFixed(2)}`).join(', ') || '-'}`);
    }
    lines.push('  (a miss: 1 lookup round trip, then 1 pipelined store after the answer went out)');
    return { lines };
  } finally {
    await client.close();
    proxy.proc.kill();
    sim.proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
