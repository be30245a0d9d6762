import { cpus, loadavg } from 'node:os';
import { propagation } from './propagation';
import { proxyLatency } from './proxy-latency';
import { semanticLookup } from './semantic-lookup';
import { startBenchRedis } from './bench-redis';

/**
 * `npm run bench:cache` — in one run: (1) an exact hit through the proxy against a
 * miss to a zero-latency upstream (and a semantic hit, and the cache bypassed), p50
 * and p99, with Redis round trips and commands per request; (2) the semantic lookup
 * at 10,000 and 100,000 entries in one partition, p50 and p99; (3) how fast an entry
 * reaches another replica. Options:
 *   --smoke        seconds, not minutes (fewer probes, 1,000 and 5,000 entries)
 *   --probes N     sequential requests per kind in part 1 (default 1000)
 *   --sizes A,B    partition sizes in part 2 (default 10000,100000)
 */
interface Options {
  probes: number;
  sizes: number[];
  queries: number;
  checks: number;
  propagation: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { probes: 1000, sizes: [10_000, 100_000], queries: 2000, checks: 200, propagation: 200 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') Object.assign(o, { probes: 100, sizes: [1_000, 5_000], queries: 300, checks: 50, propagation: 30 });
    else if (a === '--probes') o.probes = Math.max(10, Number(argv[++i]) || 0);
    else if (a === '--sizes') o.sizes = (argv[++i] ?? '').split(',').map(Number).filter((n) => n > 0);
    else throw new Error(`unknown option ${a} (use --smoke, --probes N, --sizes A,B)`);
  }
  return o;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const redis = await startBenchRedis(process.env.REDIS_URL);
  const out = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);
  const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
  try {
    out([
      `bench:cache — ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, Redis ${redis.dedicated ? 'started for this run' : redis.url}; load average at start ${load()}`,
      '',
      '1. Through the proxy (provider-sim with zero delay and the proxy in processes of their own; one request at a time)',
    ]);
    out((await proxyLatency(redis, o.probes, Math.min(100, Math.ceil(o.probes / 5)))).lines);
    out(['', '2. Semantic lookup (built-in embedder, HNSW index), in process']);
    for (const size of o.sizes) out(await semanticLookup(size, o.queries, o.checks));
    out(['', '3. Sharing between replicas']);
    out(await propagation(redis, o.propagation));
    out(['', `Load average at the end: ${load()} (other work on this machine inflates the p99s; the CPU figures are not affected).`]);
  } finally {
    await redis.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:cache failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
