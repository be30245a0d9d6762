import { z } from 'zod';

/**
 * All configuration, parsed from the environment once at start-up. Nothing else in
 * the control plane reads process.env; a bad value stops start-up naming the variable.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Unset → embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Unset → in-process queue and change bus. */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  DATA_DIR: z.string().default('./.switchyard'),
  /** Pool size for a real Postgres (PGlite always uses one connection). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Secret that signs session tokens; unset → generated once and kept in the database. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Bearer token proxies present; unset in embedded mode → generated and written to DATA_DIR/proxy-token. */
  PROXY_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Base URL every seeded provider points at (embedded mode: the simulated provider). */
  SEED_PROVIDER_BASE_URL: z.url().optional(),
  /** On first start, fill an empty catalog and publish the starter policy (false: start empty). */
  SEED_CATALOG: bool.default(true),
  /** Dashboard origin allowed by CORS (the dashboard itself is served same-origin). */
  CORS_ORIGIN: z.string().optional(),
  /** Folder with the built dashboard; served at / when it exists. */
  DASHBOARD_DIR: z.string().default('apps/dashboard/dist'),
  HEARTBEAT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  PROXY_STALE_AFTER_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  /** Days of raw-usage partitions created ahead of today. */
  USAGE_PARTITIONS_AHEAD_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** How often partition upkeep and the month's budget check run. */
  USAGE_MAINTENANCE_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /** Usage is rolled up at most once per this window per day (ingestion bursts share one job). */
  ROLLUP_DELAY_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  /** BullMQ key prefix: deployments (or test runs) sharing one Redis keep their queues apart. */
  QUEUE_PREFIX: z.string().min(1).max(64).default('switchyard'),
  /** How often active rollouts are checked against their thresholds (ms). */
  ROLLOUT_EVALUATE_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('warn'),
  SWAGGER: bool.default(true),
  /** Run queue processors in this process (turn off on API replicas when dedicated workers run). */
  RUN_WORKERS: bool.default(true),
});

export type AppConfig = Readonly<{
  host: string;
  port: number;
  databaseUrl: string | null;
  redisUrl: string | null;
  dataDir: string;
  databasePoolSize: number;
  authSecret: string | null;
  sessionTtlHours: number;
  admin: { email: string; password: string } | null;
  proxyToken: string | null;
  seedProviderBaseUrl: string | null;
  seedCatalog: boolean;
  corsOrigin: string | null;
  dashboardDir: string;
  heartbeatIntervalSeconds: number;
  proxyStaleAfterSeconds: number;
  loginMaxAttempts: number;
  loginWindowSeconds: number;
  usageRetentionDays: number;
  usagePartitionsAheadDays: number;
  usageMaintenanceMinutes: number;
  rollupDelayMs: number;
  queuePrefix: string;
  rolloutEvaluateMs: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  swagger: boolean;
  runWorkers: boolean;
  /** True when the database serves one connection at a time (PGlite): pool of one, no LISTEN connection. */
  singleConnection: boolean;
  /** True when no DATABASE_URL was given: PGlite, one connection, in-process queue. */
  embedded: boolean;
}>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = r.data;
  if ((e.ADMIN_EMAIL && !e.ADMIN_PASSWORD) || (!e.ADMIN_EMAIL && e.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  const config: AppConfig = {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    dataDir: e.DATA_DIR,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    authSecret: e.AUTH_SECRET ?? null,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : null,
    proxyToken: e.PROXY_TOKEN ?? null,
    seedProviderBaseUrl: e.SEED_PROVIDER_BASE_URL ?? null,
    seedCatalog: e.SEED_CATALOG,
    corsOrigin: e.CORS_ORIGIN ?? null,
    dashboardDir: e.DASHBOARD_DIR,
    heartbeatIntervalSeconds: e.HEARTBEAT_INTERVAL_SECONDS,
    proxyStaleAfterSeconds: e.PROXY_STALE_AFTER_SECONDS,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
    usageRetentionDays: e.USAGE_RETENTION_DAYS,
    usagePartitionsAheadDays: e.USAGE_PARTITIONS_AHEAD_DAYS,
    usageMaintenanceMinutes: e.USAGE_MAINTENANCE_MINUTES,
    rollupDelayMs: e.ROLLUP_DELAY_MS,
    queuePrefix: e.QUEUE_PREFIX,
    rolloutEvaluateMs: e.ROLLOUT_EVALUATE_MS,
    logLevel: e.LOG_LEVEL,
    swagger: e.SWAGGER,
    runWorkers: e.RUN_WORKERS,
    singleConnection: false,
    embedded: false,
    ...overrides,
  };
  const embedded = !config.databaseUrl;
  return { ...config, embedded, singleConnection: embedded || config.singleConnection };
}

/** Nest injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
