import { randomBytes } from 'node:crypto';
import { loadCache, ms, percentile } from './bench-modules';
import { storedPrompt } from './bench-prompts';
import type { BenchRedis } from './bench-redis';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Part 3: how long a semantic entry written by one replica takes to be searchable in
 * another's index (Redis stream + blocking XREAD). Two cache backends in this
 * process, each with its own index and connections, stand for two replicas.
 */
export async function propagation(redis: BenchRedis, count: number): Promise<string[]> {
  const c = loadCache();
  const prefix = `bench-prop:${randomBytes(4).toString('hex')}:`;
  const indexA = new c.SemanticIndexes();
  const indexB = new c.SemanticIndexes();
  const a = new c.RedisBackend({ url: redis.url, prefix, commandTimeoutMs: 1000 }, indexA, silent);
  const b = new c.RedisBackend({ url: redis.url, prefix, commandTimeoutMs: 1000 }, indexB, silent);
  try {
    await Promise.all([a.feed.loaded, b.feed.loaded]);
    const delays: number[] = [];
    for (let i = 0; i < count; i++) {
      const sig = c.promptSignature(c.embedTokens(storedPrompt(i)));
      const key = randomBytes(32).toString('hex');
      const record = { answerKey: key, storedAtMs: Date.now(), expiresAtMs: Date.now() + 60_000, vector: c.denseVector(sig), signature: sig };
      const started = performance.now();
      if (!(await a.put(key, Buffer.from('{}'), 60_000, { partition: 'p', record }))) throw new Error('store failed');
      while (!indexB.has('p', key)) {
        if (performance.now() - started > 5000) throw new Error('entry never reached the other replica');
        await new Promise((r) => setTimeout(r, 0));
      }
      delays.push(performance.now() - started);
    }
    return [`  store on replica A → searchable on replica B (ms)      p50 ${ms(percentile(delays, 50))}   p99 ${ms(percentile(delays, 99))}   max ${ms(Math.max(...delays))}  (${count} entries)`];
  } finally {
    await a.close();
    await b.close();
  }
}
