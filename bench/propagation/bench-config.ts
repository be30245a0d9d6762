/**
 * Options of `npm run bench:propagation`, read once from the command line and environment.
 *   --proxies N    proxies (default 50), half on each control-plane replica
 *   --versions N   publishes per phase (default 10)
 *   --smoke        5 proxies, 3 publishes per phase
 * DATABASE_URL (required): the Postgres both replicas share (the bench makes a fresh
 * database on it and drops it afterwards).
 */
export interface BenchConfig {
  proxies: number;
  versions: number;
  smoke: boolean;
  databaseUrl: string;
}

export class BenchConfigError extends Error {}

export function parseBenchConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): BenchConfig {
  const smoke = argv.includes('--smoke');
  const num = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    if (i < 0) return fallback;
    const n = Number(argv[i + 1]);
    if (!Number.isInteger(n) || n < 1) throw new BenchConfigError(`${flag} needs a positive whole number, got "${argv[i + 1]}"`);
    return n;
  };
  const databaseUrl = env.DATABASE_URL?.trim();
  if (!databaseUrl) {
    throw new BenchConfigError(
      'bench:propagation runs two control-plane replicas on one real Postgres: set DATABASE_URL, e.g.\n' +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:propagation',
    );
  }
  return { smoke, proxies: num('--proxies', smoke ? 5 : 50), versions: num('--versions', smoke ? 3 : 10), databaseUrl };
}
