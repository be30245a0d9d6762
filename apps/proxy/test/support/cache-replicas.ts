import { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { BucketInput, PolicyContentInput } from '@switchyard/contracts';
import { uniqueRedisPrefix } from '@switchyard/testing';
import { startProviderSim, type ProviderSim } from '../../../provider-sim/src';
import type { ProxyConfigInput } from '../../src/config/proxy-config';
import { startProxy, type ProxyHandle } from '../../src/server';
import { seedPolicyWith } from './policies';
import { buildSnapshot, keySet, makeKey, type TestKey } from './snapshot-factory';

/** Buckets the cache tests use, on top of the starter policy (whose `bulk` has exact and semantic caching on). */
export const CACHE_TEST_BUCKETS: BucketInput[] = [
  { name: 'brief', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], cache: { exact: true, semantic: true, ttlSeconds: 2 } },
  { name: 'tools', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], cache: { exact: true, semantic: false, allowToolCalls: true } },
  { name: 'cool', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], cache: { exact: true, semantic: true, maxTemperature: 0.5 } },
  { name: 'solo', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], cache: { exact: true, semantic: true } },
];

export interface CacheReplicas {
  sim: ProviderSim;
  /** Two proxies sharing one Redis prefix (replicas of one deployment). */
  a: ProxyHandle;
  b: ProxyHandle;
  keys: { growth: TestKey; support: TestKey };
  prefix: string;
  /** Starts another replica on the same Redis (a scale-out). */
  startReplica(name: string, extra?: ProxyConfigInput): Promise<ProxyHandle>;
  close(): Promise<void>;
}

/**
 * A provider-sim and two proxy replicas with the response cache on, sharing a
 * Redis under a key prefix of their own. Policy and keys come from files.
 */
export async function startCacheReplicas(opts: { redisUrl: string; policy?: PolicyContentInput; proxy?: ProxyConfigInput }): Promise<CacheReplicas> {
  const sim = await startProviderSim({ port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'sy-cache-'));
  const prefix = uniqueRedisPrefix('cache');
  const policyFile = join(dir, 'policy.json');
  const keysFile = join(dir, 'keys.json');
  const keys = { growth: makeKey('growth'), support: makeKey('support') };
  writeFileSync(policyFile, JSON.stringify(buildSnapshot({ baseUrl: sim.url, policy: opts.policy ?? seedPolicyWith({}, CACHE_TEST_BUCKETS) })));
  writeFileSync(keysFile, JSON.stringify(keySet(Object.values(keys))));
  const started: ProxyHandle[] = [];
  const startReplica = async (name: string, extra: ProxyConfigInput = {}) => {
    const p = await startProxy({
      port: 0,
      controlPlaneUrl: null,
      proxyId: `${name}-${prefix.slice(-9, -1)}`,
      dataDir: join(dir, name),
      policyFile,
      keysFile,
      logLevel: 'silent',
      usageFlushMs: 20,
      cacheEnabled: true,
      redisUrl: opts.redisUrl,
      cachePrefix: prefix,
      ...opts.proxy,
      ...extra,
    });
    started.push(p);
    // Connecting to Redis runs in the background; until it is up every request is a plain miss.
    await until(() => backendUp(p), `replica ${name} to connect to Redis`, 10_000);
    return p;
  };
  const a = await startReplica('a');
  const b = await startReplica('b');
  return {
    sim,
    a,
    b,
    keys,
    prefix,
    startReplica,
    async close() {
      await Promise.all(started.map((p) => p.close()));
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
      await dropKeys(opts.redisUrl, prefix);
    },
  };
}

/** Deletes every key under `prefix` (a test's own), leaving the shared Redis as it was. */
export async function dropKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0, lazyConnect: true, connectTimeout: 1000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } catch {
    // That Redis is gone (a test stopped it): nothing left to clean.
  } finally {
    redis.disconnect();
  }
}

export interface ChatReply {
  status: number;
  cache: string | null;
  model: string | null;
  cost: string | null;
  /** The body as text (JSON or SSE). */
  text: string;
}

/** POST /v1/chat/completions with fetch (headers matter here more than the SDK's parsing). */
export async function chat(proxy: ProxyHandle, key: TestKey, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<ChatReply> {
  const res = await fetch(`${proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key.key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, cache: res.headers.get('x-switchyard-cache'), model: res.headers.get('x-switchyard-model'), cost: res.headers.get('x-switchyard-cost-usd'), text };
}

/** The assistant text of a JSON completion or of an SSE stream, per choice. */
export function contentOf(reply: Pick<ChatReply, 'text'>): string[] {
  const t = reply.text.trimStart();
  if (t.startsWith('{')) return (JSON.parse(t) as { choices: Array<{ message: { content: string | null } }> }).choices.map((c) => c.message.content ?? '');
  const out: string[] = [];
  for (const line of t.split('\n')) {
    if (!line.startsWith('data: {')) continue;
    for (const c of (JSON.parse(line.slice(6)) as { choices: Array<{ index: number; delta: { content?: string | null } }> }).choices) {
      out[c.index] = (out[c.index] ?? '') + (c.delta.content ?? '');
    }
  }
  return out;
}

/** Usage events a proxy spooled (no control plane in these tests). */
export async function usageEvents(proxy: ProxyHandle): Promise<Array<Record<string, unknown>>> {
  await proxy.flushUsage();
  const file = join(proxy.config.dataDir, 'usage-spool.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Polls `check` until it holds (asserted: throws with `what` on timeout). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether a replica's cache backend is reachable, from its /metrics. */
export async function backendUp(proxy: { url: string }): Promise<boolean> {
  return /^switchyard_proxy_cache_backend_up 1$/m.test(await (await fetch(`${proxy.url}/metrics`)).text());
}

/** Entries in a replica's semantic index, from its /metrics. */
export async function semanticEntries(proxy: { url: string }): Promise<number> {
  const m = /^switchyard_proxy_cache_semantic_entries (\d+)$/m.exec(await (await fetch(`${proxy.url}/metrics`)).text());
  return m ? Number(m[1]) : -1;
}

/** Answers offered to a replica's cache so far (stored or not), from its /metrics. */
export async function storeAttempts(proxy: ProxyHandle): Promise<number> {
  const text = await (await fetch(`${proxy.url}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^switchyard_proxy_cache_stores_total\{[^}]*\} (\d+)/gm)) n += Number(m[1]);
  return n;
}

/**
 * Waits until the replica's cache has dealt with one more answer than `before`, or
 * `maxMs` passed (nothing was offered: an error, a bypass). Stores run after the
 * answer went out, so a client can be faster than them.
 */
export async function storeSettled(proxy: ProxyHandle, before: number, maxMs = 500): Promise<void> {
  const end = Date.now() + maxMs;
  while (Date.now() < end && (await storeAttempts(proxy)) <= before) await new Promise((r) => setTimeout(r, 10));
}

/** Requests the simulated provider received for an upstream model name. */
export const upstreamCalls = (sim: ProviderSim, upstreamModel: string) => sim.stats().requests.byModel[upstreamModel] ?? 0;
