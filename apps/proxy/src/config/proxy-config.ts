import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

/** Everything the proxy reads from its environment, parsed once at start. */
export interface ProxyConfig {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Control plane base URL without `/api/v1`; null runs the proxy without one (policy from disk or file only). */
  controlPlaneUrl: string | null;
  /**
   * Every control-plane replica to try, `controlPlaneUrl` first; the proxy moves to the
   * next one when a replica stops answering (CONTROL_PLANE_URLS).
   */
  controlPlaneUrls: string[];
  /** How long a drain (SIGTERM) waits for requests and streams in flight before it cuts them (ms). */
  drainTimeoutMs: number;
  /** Bearer token for the `/api/v1/proxy/*` endpoints. */
  proxyToken: string | null;
  proxyId: string;
  proxyName: string;
  labels: Record<string, string>;
  /** Holds the last good policy and key set, and the usage spool. */
  dataDir: string;
  /** The response cache lives here, shared by every replica (REDIS_URL); null keeps it in-process. */
  redisUrl: string | null;
  /**
   * Exact + semantic response cache (PROXY_CACHE=on|off). On by default from the
   * environment; off by default in configs built in code, so tests and benchmarks of
   * the uncached path stay uncached unless they ask for it.
   */
  cacheEnabled: boolean;
  /** Prefix of every cache key in Redis (PROXY_CACHE_PREFIX). */
  cachePrefix: string;
  /** Size of the in-process answer cache when there is no Redis, in MB (PROXY_CACHE_MEMORY_MB). */
  cacheMemoryMb: number;
  /** Longest a request waits on one Redis command before it goes on uncached (PROXY_CACHE_REDIS_TIMEOUT_MS). */
  cacheRedisTimeoutMs: number;
  /** Semantic entries each replica indexes, all partitions together (PROXY_CACHE_SEMANTIC_MAX_ENTRIES; about 2 KB each). */
  cacheSemanticMaxEntries: number;
  /** Largest request body accepted (bytes); larger gets a 413. */
  maxBodyBytes: number;
  /** Usage events per POST to the control plane (≤ 5,000). */
  usageBatchSize: number;
  /** Longest time an event waits in memory before it is sent (ms). */
  usageFlushMs: number;
  /** A PolicySnapshot JSON file applied at start, before (or instead of) the control plane's. */
  policyFile: string | null;
  /** A ProxyKeySet JSON file applied at start, before (or instead of) the control plane's. */
  keysFile: string | null;
  /** Heartbeat period until the control plane names its own (ms). */
  heartbeatMs: number;
  /** How often blocked teams are fetched (ms). */
  limitsPollMs: number;
  /** Keep-alive connections per upstream origin. */
  upstreamConnections: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** The provider API key held in the environment variable `envName` (named by the policy's provider). */
  providerKey(envName: string): string | undefined;
}

export type ProxyConfigInput = Partial<ProxyConfig> & { providerKeys?: Record<string, string> };

export class ConfigError extends Error {}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** Proxy ids travel in heartbeats and usage events, which accept only these characters. */
function sanitiseId(raw: string): string {
  return raw.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 128) || 'proxy';
}

/**
 * Fills in defaults for a config given in code (tests, benchmarks, embedded mode).
 * Provider keys come from `providerKeys` or the `providerKey` accessor; a config built
 * this way never reads the process environment.
 */
export function resolveProxyConfig(input: ProxyConfigInput = {}): ProxyConfig {
  const port = input.port ?? 8080;
  const proxyId = sanitiseId(input.proxyId ?? `${hostname()}-${port}`);
  const keys = input.providerKeys ?? {};
  const urls = (input.controlPlaneUrls ?? []).map((u) => u.replace(/\/+$/, ''));
  const config: ProxyConfig = {
    host: input.host ?? '127.0.0.1',
    port,
    controlPlaneUrl: input.controlPlaneUrl === undefined ? (urls[0] ?? 'http://127.0.0.1:3000') : input.controlPlaneUrl,
    controlPlaneUrls: [],
    drainTimeoutMs: input.drainTimeoutMs ?? 30_000,
    proxyToken: input.proxyToken ?? null,
    proxyId,
    proxyName: input.proxyName ?? proxyId,
    labels: input.labels ?? {},
    dataDir: resolve(input.dataDir ?? join('.switchyard', `proxy-${proxyId}`)),
    redisUrl: input.redisUrl ?? null,
    cacheEnabled: input.cacheEnabled ?? false,
    cachePrefix: input.cachePrefix ?? 'switchyard:cache:',
    cacheMemoryMb: input.cacheMemoryMb ?? 256,
    cacheRedisTimeoutMs: input.cacheRedisTimeoutMs ?? 50,
    cacheSemanticMaxEntries: input.cacheSemanticMaxEntries ?? 200_000,
    maxBodyBytes: input.maxBodyBytes ?? 4 * 1024 * 1024,
    usageBatchSize: input.usageBatchSize ?? 500,
    usageFlushMs: input.usageFlushMs ?? 1000,
    policyFile: input.policyFile ?? null,
    keysFile: input.keysFile ?? null,
    heartbeatMs: input.heartbeatMs ?? 10_000,
    limitsPollMs: input.limitsPollMs ?? 30_000,
    upstreamConnections: input.upstreamConnections ?? 256,
    logLevel: input.logLevel ?? 'info',
    providerKey: input.providerKey ?? ((name) => keys[name]),
  };
  if (config.controlPlaneUrl !== null) {
    config.controlPlaneUrl = config.controlPlaneUrl.replace(/\/+$/, '');
    config.controlPlaneUrls = [config.controlPlaneUrl, ...urls.filter((u) => u !== config.controlPlaneUrl)];
  }
  check(config.usageBatchSize >= 1 && config.usageBatchSize <= 5000, 'usageBatchSize', 'must be 1..5000');
  check(config.maxBodyBytes >= 1024, 'maxBodyBytes', 'must be at least 1024');
  return config;
}

function check(ok: boolean, name: string, message: string): void {
  if (!ok) throw new ConfigError(`${name} ${message}`);
}

type Env = Readonly<Record<string, string | undefined>>;

function intVar(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return Number(raw);
}

function strVar(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

function onOffVar(env: Env, name: string): boolean | undefined {
  const raw = strVar(env, name)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be "on" or "off", got "${raw}"`);
}

/** `PROXY_LABELS=region=eu,tier=gold` → `{region: 'eu', tier: 'gold'}`. */
function labelsVar(env: Env, name: string): Record<string, string> | undefined {
  const raw = strVar(env, name);
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  for (const part of raw.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new ConfigError(`${name} must look like "key=value,key2=value2", got "${raw}"`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

function urlVar(env: Env, name: string): string | undefined {
  const raw = strVar(env, name);
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as http://127.0.0.1:3000, got "${raw}"`);
  }
  return raw;
}

/**
 * Reads the process environment once. `CONTROL_PLANE_URL=off` runs without a
 * control plane. Provider API keys are looked up by the variable names the policy
 * gives (e.g. DEEPSEEK_API_KEY) in the environment captured here.
 */
export function loadProxyConfig(env: Env = process.env): ProxyConfig {
  const captured: Env = { ...env };
  const level = strVar(env, 'PROXY_LOG_LEVEL');
  if (level && !(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError(`PROXY_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const cp = strVar(env, 'CONTROL_PLANE_URL');
  const cps = strVar(env, 'CONTROL_PLANE_URLS')?.split(',').map((u) => u.trim()).filter(Boolean);
  cps?.forEach((u, i) => urlVar({ [`CONTROL_PLANE_URLS[${i}]`]: u }, `CONTROL_PLANE_URLS[${i}]`));
  return resolveProxyConfig({
    host: strVar(env, 'PROXY_HOST'),
    port: intVar(env, 'PROXY_PORT', 0, 65535),
    controlPlaneUrl: cp === 'off' ? null : (urlVar(env, 'CONTROL_PLANE_URL') ?? cps?.[0]),
    controlPlaneUrls: cp === 'off' ? undefined : cps,
    drainTimeoutMs: intVar(env, 'PROXY_DRAIN_TIMEOUT_MS', 0, 3_600_000),
    proxyToken: strVar(env, 'PROXY_TOKEN'),
    proxyId: strVar(env, 'PROXY_ID'),
    proxyName: strVar(env, 'PROXY_NAME'),
    labels: labelsVar(env, 'PROXY_LABELS'),
    dataDir: strVar(env, 'PROXY_DATA_DIR'),
    redisUrl: strVar(env, 'REDIS_URL'),
    cacheEnabled: onOffVar(env, 'PROXY_CACHE') ?? true,
    cachePrefix: strVar(env, 'PROXY_CACHE_PREFIX'),
    cacheMemoryMb: intVar(env, 'PROXY_CACHE_MEMORY_MB', 1, 1024 * 1024),
    cacheRedisTimeoutMs: intVar(env, 'PROXY_CACHE_REDIS_TIMEOUT_MS', 1, 60_000),
    cacheSemanticMaxEntries: intVar(env, 'PROXY_CACHE_SEMANTIC_MAX_ENTRIES', 0, 10_000_000),
    maxBodyBytes: intVar(env, 'PROXY_MAX_BODY_BYTES', 1024, 1024 * 1024 * 1024),
    usageBatchSize: intVar(env, 'PROXY_USAGE_BATCH_SIZE', 1, 5000),
    usageFlushMs: intVar(env, 'PROXY_USAGE_FLUSH_MS', 10, 600_000),
    policyFile: strVar(env, 'PROXY_POLICY_FILE'),
    keysFile: strVar(env, 'PROXY_KEYS_FILE'),
    upstreamConnections: intVar(env, 'PROXY_UPSTREAM_CONNECTIONS', 1, 100_000),
    logLevel: level as ProxyConfig['logLevel'] | undefined,
    providerKey: (name) => captured[name],
  });
}
