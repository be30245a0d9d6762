import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';

export interface BenchRedis {
  url: string;
  /** True when this run started its own redis-server (its command counts are the benchmark's alone). */
  dedicated: boolean;
  /** Calls per command name since start (INFO commandstats). */
  commandCalls(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, child: ChildProcess | null): Promise<void> {
  const end = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch {
      if (Date.now() > end || (child && child.exitCode !== null)) throw new Error(`no Redis answered at ${url}`);
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      probe.disconnect();
    }
  }
}

/**
 * A redis-server of the benchmark's own on a free port (no persistence), so INFO
 * commandstats counts only the proxy's commands; without the binary, the Redis at
 * REDIS_URL (shared: counts then include other clients).
 */
export async function startBenchRedis(fallbackUrl: string | undefined): Promise<BenchRedis> {
  let child: ChildProcess | null = null;
  let url: string;
  if (spawnSync('redis-server', ['--version']).status === 0) {
    const port = await freePort();
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    url = `redis://127.0.0.1:${port}`;
  } else if (fallbackUrl) {
    url = fallbackUrl;
  } else {
    throw new Error('bench:cache needs redis-server on the PATH or REDIS_URL');
  }
  await waitForPing(url, child);
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  return {
    url,
    dedicated: child !== null,
    async commandCalls() {
      const info = await admin.info('commandstats');
      const out = new Map<string, number>();
      for (const m of info.matchAll(/^cmdstat_([a-z|]+):calls=(\d+)/gm)) out.set(m[1], Number(m[2]));
      return out;
    },
    async stop() {
      admin.disconnect();
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
