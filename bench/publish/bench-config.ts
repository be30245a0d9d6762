/**
 * Options of `npm run bench:publish`, read once from the command line and environment.
 *   --subscribers N   SSE subscribers (default 10)
 *   --versions N      publishes per scenario (default 20)
 *   --smoke           a seconds-long run (3 subscribers, 5 publishes)
 * DATABASE_URL set → real Postgres (a fresh database, dropped afterwards) and a second
 * scenario with two replicas; unset → embedded PGlite.
 */
export interface BenchConfig {
  subscribers: number;
  versions: number;
  smoke: boolean;
  databaseUrl: string | null;
}

export function parseBenchConfig(argv: string[], env: Record<string, string | undefined>): BenchConfig {
  const smoke = argv.includes('--smoke');
  const num = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, got "${argv[i + 1]}"`);
    return n;
  };
  return {
    smoke,
    subscribers: num('--subscribers', smoke ? 3 : 10),
    versions: num('--versions', smoke ? 5 : 20),
    databaseUrl: env.DATABASE_URL || null,
  };
}
