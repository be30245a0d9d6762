import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The cache's own Prometheus series, in the proxy's registry. Hit and miss counts
 * per bucket come from the usage events (`switchyard_proxy_cache_total`); these say
 * how the cache itself is doing.
 */
export class CacheMetrics {
  readonly stores: Counter<'result'>;
  readonly backendErrors: Counter<'op'>;
  readonly lookupSeconds: Histogram<'path'>;

  constructor(registry: Registry, state: { backendUp(): boolean; semanticEntries(): number; redisRoundTrips(): number }) {
    const registers = [registry];
    this.stores = new Counter({ name: 'switchyard_proxy_cache_stores_total', help: 'Answers offered to the cache, by result (stored, or why not).', labelNames: ['result'], registers });
    this.backendErrors = new Counter({ name: 'switchyard_proxy_cache_backend_errors_total', help: 'Failed or timed-out cache backend operations.', labelNames: ['op'], registers });
    this.lookupSeconds = new Histogram({
      name: 'switchyard_proxy_cache_lookup_duration_seconds',
      help: 'Time a request spent in the cache lookup (embedding, index search, backend round trip).',
      labelNames: ['path'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers,
    });
    new Gauge({ name: 'switchyard_proxy_cache_backend_up', help: 'Whether the cache backend is reachable now (1 or 0; always 1 in-process).', registers, collect() { this.set(state.backendUp() ? 1 : 0); } });
    new Gauge({ name: 'switchyard_proxy_cache_semantic_entries', help: 'Semantic entries in this replica\'s index.', registers, collect() { this.set(state.semanticEntries()); } });
    new Gauge({ name: 'switchyard_proxy_cache_redis_round_trips', help: 'Redis round trips made for requests since start.', registers, collect() { this.set(state.redisRoundTrips()); } });
  }
}
