/**
 * Options of `npm run bench:soak`, read once from the command line and environment.
 *   --minutes N   length of the traffic phase (default 5)
 *   --smoke       about 20 seconds of traffic
 *   --lanes N     concurrent clients (default 8)
 *   --keep        keep the soak database afterwards (it is dropped by default)
 * DATABASE_URL (required): the Postgres server; the soak makes a fresh database on it.
 * REDIS_URL (optional): BullMQ for the control plane and the proxies' shared cache;
 * without it both run in-process.
 */
export interface SoakConfig {
  trafficMs: number;
  lanes: number;
  keep: boolean;
  smoke: boolean;
  databaseUrl: string;
  redisUrl: string | null;
  /** PATH handed to the child processes (nothing else of this environment reaches them). */
  path: string;
}

export class SoakConfigError extends Error {}

export function parseSoakConfig(argv: string[], env: Record<string, string | undefined>): SoakConfig {
  const smoke = argv.includes('--smoke');
  const num = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n <= 0) throw new SoakConfigError(`${flag} needs a positive number, got "${argv[i + 1]}"`);
    return n;
  };
  if (!env.DATABASE_URL) throw new SoakConfigError('DATABASE_URL is required: the soak stores usage in a fresh database on that Postgres server');
  const minutes = num('--minutes', 5);
  return {
    smoke,
    trafficMs: smoke ? 20_000 : Math.round(minutes * 60_000),
    lanes: Math.round(num('--lanes', 8)),
    keep: argv.includes('--keep'),
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL || null,
    path: env.PATH ?? '',
  };
}
