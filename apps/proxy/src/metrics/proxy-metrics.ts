import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { UsageEvent } from '@switchyard/contracts';
import { LeanCounter, LeanHistogram, type CounterChild, type HistogramChild } from './lean-metrics';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** Every child one (endpoint, bucket, model) needs, found with one map lookup per request. */
interface Series {
  latency: HistogramChild;
  ttft: HistogramChild;
  prompt: CounterChild;
  completion: CounterChild;
  cached: CounterChild;
  cost: CounterChild;
  byStatus: Map<number, CounterChild>;
  byError: Map<string, CounterChild>;
  byCache: Map<string, CounterChild>;
}

/**
 * The proxy's Prometheus metrics, in a registry of its own (several proxies may
 * share a process in tests). Request metrics are derived from the usage event, so
 * the dashboard's numbers and Prometheus' agree.
 */
export class ProxyMetrics {
  readonly registry = new Registry();
  private readonly requests = new LeanCounter('switchyard_proxy_requests_total', 'Requests by endpoint, bucket, served model and status.', ['endpoint', 'bucket', 'model', 'status']);
  private readonly errors = new LeanCounter('switchyard_proxy_errors_total', 'Requests that ended in an error, by type.', ['bucket', 'model', 'type']);
  private readonly latency = new LeanHistogram('switchyard_proxy_request_duration_seconds', 'Time from request to last byte.', ['endpoint', 'bucket', 'model'], LATENCY_BUCKETS);
  private readonly ttft = new LeanHistogram('switchyard_proxy_time_to_first_token_seconds', 'Time from request to the first streamed byte.', ['bucket', 'model'], LATENCY_BUCKETS);
  private readonly tokens = new LeanCounter('switchyard_proxy_tokens_total', 'Tokens by kind (prompt, completion, cached).', ['bucket', 'model', 'kind']);
  private readonly cost = new LeanCounter('switchyard_proxy_cost_usd_total', 'Cost in USD (approximate here; exact in usage events).', ['bucket', 'model']);
  private readonly cache = new LeanCounter('switchyard_proxy_cache_total', 'Cache outcomes.', ['bucket', 'outcome']);
  private readonly attempts = new LeanCounter('switchyard_proxy_upstream_attempts_total', 'Upstream attempts by outcome (success, fallback, client_error, aborted).', ['bucket', 'model', 'outcome']);
  private readonly rejected = new LeanCounter('switchyard_proxy_rejected_requests_total', 'Requests refused before routing (auth, bad input, unknown model).', ['status']);
  readonly policyVersion = new Gauge({ name: 'switchyard_proxy_policy_version', help: 'Policy version in use.', registers: [this.registry] });
  readonly spooledEvents = new Gauge({ name: 'switchyard_proxy_usage_spooled_events', help: 'Usage events waiting in the local spool.', registers: [this.registry] });
  readonly shippedEvents = new Counter({ name: 'switchyard_proxy_usage_shipped_events_total', help: 'Usage events accepted by the control plane.', registers: [this.registry] });
  /** endpoint → bucket → model → series: found without building a key string per request. */
  private readonly series = new Map<string, Map<string, Map<string, Series>>>();
  private readonly attemptChildren = new Map<string, CounterChild>();

  constructor(defaultMetrics = true) {
    for (const m of [this.requests, this.errors, this.latency, this.ttft, this.tokens, this.cost, this.cache, this.attempts, this.rejected]) {
      this.registry.registerMetric(m as never);
    }
    if (defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_proxy_' });
  }

  private seriesFor(endpoint: string, bucket: string, model: string): Series {
    let byBucket = this.series.get(endpoint);
    if (!byBucket) this.series.set(endpoint, (byBucket = new Map()));
    let byModel = byBucket.get(bucket);
    if (!byModel) byBucket.set(bucket, (byModel = new Map()));
    let s = byModel.get(model);
    if (!s) {
      s = {
        latency: this.latency.child(endpoint, bucket, model),
        ttft: this.ttft.child(bucket, model),
        prompt: this.tokens.child(bucket, model, 'prompt'),
        completion: this.tokens.child(bucket, model, 'completion'),
        cached: this.tokens.child(bucket, model, 'cached'),
        cost: this.cost.child(bucket, model),
        byStatus: new Map(),
        byError: new Map(),
        byCache: new Map(),
      };
      byModel.set(model, s);
    }
    return s;
  }

  recordAttempt(bucket: string, model: string, outcome: string): void {
    const key = `${bucket}\u0000${model}\u0000${outcome}`;
    let c = this.attemptChildren.get(key);
    if (!c) {
      c = this.attempts.child(bucket, model, outcome);
      this.attemptChildren.set(key, c);
    }
    c.inc();
  }

  recordRejected(status: number): void {
    this.rejected.child(String(status)).inc();
  }

  /** Everything about one finished request, from its usage event. */
  record(e: UsageEvent): void {
    const model = e.servedModel ?? 'none';
    const s = this.seriesFor(e.endpoint, e.bucket, model);
    let status = s.byStatus.get(e.status);
    if (!status) s.byStatus.set(e.status, (status = this.requests.child(e.endpoint, e.bucket, model, String(e.status))));
    status.inc();
    s.latency.observe(e.totalMs / 1000);
    if (e.ttftMs !== null && e.stream) s.ttft.observe(e.ttftMs / 1000);
    if (e.errorType) {
      let err = s.byError.get(e.errorType);
      if (!err) s.byError.set(e.errorType, (err = this.errors.child(e.bucket, model, e.errorType)));
      err.inc();
    }
    if (e.promptTokens) s.prompt.inc(e.promptTokens);
    if (e.completionTokens) s.completion.inc(e.completionTokens);
    if (e.cachedTokens) s.cached.inc(e.cachedTokens);
    const usd = Number(e.costUsd);
    if (usd > 0) s.cost.inc(usd);
    let cache = s.byCache.get(e.cache);
    if (!cache) s.byCache.set(e.cache, (cache = this.cache.child(e.bucket, e.cache)));
    cache.inc();
  }
}
