import type { Registry } from 'prom-client';
import type { ProxyConfig } from '../config/proxy-config';
import type { Logger } from '../logger';
import type { UpstreamPools } from '../upstream/upstream-pools';
import type { RequestRecord } from '../usage/usage-event';
import type { CacheBackend } from './cache-backend';
import { CacheMetrics } from './cache-metrics';
import { MemoryBackend } from './memory-backend';
import { RedisBackend } from './redis-backend';
import { SemanticIndexes } from './semantic-index';
import { SharedResponseCache } from './shared-response-cache';

export interface CacheWiring {
  config: ProxyConfig;
  log: Logger;
  pools: UpstreamPools;
  /** The proxy's metrics registry (`/metrics`). */
  registry: Registry;
  /** Records a usage event (bills a paid embedding call). */
  report(record: RequestRecord): void;
}

/** Time a request waits for a paid embedding before it goes on without the semantic lookup. */
const EMBED_TIMEOUT_MS = 2000;

/** The configured cache: Redis when REDIS_URL is set (shared by replicas), in-process otherwise. */
export function createResponseCache(w: CacheWiring): SharedResponseCache {
  const { config, log } = w;
  const semantic = new SemanticIndexes(config.cacheSemanticMaxEntries);
  let backend: CacheBackend | null = null;
  const metrics = new CacheMetrics(w.registry, {
    backendUp: () => backend?.available() ?? false,
    semanticEntries: () => semantic.size,
    redisRoundTrips: () => (backend instanceof RedisBackend ? backend.roundTrips : 0),
  });
  backend = config.redisUrl
    ? new RedisBackend({ url: config.redisUrl, prefix: config.cachePrefix, commandTimeoutMs: config.cacheRedisTimeoutMs, onError: (op) => metrics.backendErrors.labels(op).inc() }, semantic, log)
    : new MemoryBackend(config.cacheMemoryMb * 1024 * 1024);
  log.info('response cache on', { backend: backend.kind, prefix: config.redisUrl ? config.cachePrefix : undefined });
  return new SharedResponseCache({ backend, semantic, log, pools: w.pools, metrics, report: w.report, embedTimeoutMs: EMBED_TIMEOUT_MS });
}
