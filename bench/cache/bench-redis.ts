import { spawnSync } from 'node:child_process';
import Redis from 'ioredis';
import { startRedisServer, type RedisServer } from '@switchyard/testing';

export interface BenchRedis {
  url: string;
  /** True when this run started its own redis-server (its command counts are the benchmark's alone). */
  dedicated: boolean;
  /** Calls per command name since start (INFO commandstats). */
  commandCalls(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

/**
 * A redis-server of the benchmark's own on a free port (no persistence), so INFO
 * commandstats counts only the proxy's commands; without the binary, the Redis at
 * REDIS_URL (shared: counts then include other clients).
 */
export async function startBenchRedis(fallbackUrl: string | undefined): Promise<BenchRedis> {
  let own: RedisServer | null = null;
  let url: string;
  if (spawnSync('redis-server', ['--version']).status === 0) {
    own = await startRedisServer();
    url = own.url;
  } else if (fallbackUrl) {
    url = fallbackUrl;
  } else {
    throw new Error('bench:cache needs redis-server on the PATH or REDIS_URL');
  }
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  await admin.ping();
  return {
    url,
    dedicated: own !== null,
    async commandCalls() {
      const info = await admin.info('commandstats');
      const out = new Map<string, number>();
      for (const m of info.matchAll(/^cmdstat_([a-z|]+):calls=(\d+)/gm)) out.set(m[1], Number(m[2]));
      return out;
    },
    async stop() {
      admin.disconnect();
      await own?.close();
    },
  };
}
