import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { UsageEvent } from '@switchyard/contracts';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

type Labelled<T> = { labels(...values: string[]): T };

/**
 * The proxy's Prometheus metrics, in a registry of its own (several proxies may
 * share a process in tests). Request metrics are derived from the usage event, so
 * the dashboard's numbers and Prometheus' agree. Label children are cached: the
 * label hashing of prom-client is the costly part of an observation.
 */
export class ProxyMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'switchyard_proxy_requests_total', help: 'Requests by endpoint, bucket, served model and status.', labelNames: ['endpoint', 'bucket', 'model', 'status'], registers: [this.registry] });
  private readonly errors = new Counter({ name: 'switchyard_proxy_errors_total', help: 'Requests that ended in an error, by type.', labelNames: ['bucket', 'model', 'type'], registers: [this.registry] });
  private readonly latency = new Histogram({ name: 'switchyard_proxy_request_duration_seconds', help: 'Time from request to last byte.', labelNames: ['endpoint', 'bucket', 'model'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly ttft = new Histogram({ name: 'switchyard_proxy_time_to_first_token_seconds', help: 'Time from request to the first streamed byte.', labelNames: ['bucket', 'model'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  private readonly tokens = new Counter({ name: 'switchyard_proxy_tokens_total', help: 'Tokens by kind (prompt, completion, cached).', labelNames: ['bucket', 'model', 'kind'], registers: [this.registry] });
  private readonly cost = new Counter({ name: 'switchyard_proxy_cost_usd_total', help: 'Cost in USD (approximate here; exact in usage events).', labelNames: ['bucket', 'model'], registers: [this.registry] });
  private readonly cache = new Counter({ name: 'switchyard_proxy_cache_total', help: 'Cache outcomes.', labelNames: ['bucket', 'outcome'], registers: [this.registry] });
  private readonly attempts = new Counter({ name: 'switchyard_proxy_upstream_attempts_total', help: 'Upstream attempts by outcome (success, fallback, client_error, aborted).', labelNames: ['bucket', 'model', 'outcome'], registers: [this.registry] });
  readonly rejected = new Counter({ name: 'switchyard_proxy_rejected_requests_total', help: 'Requests refused before routing (auth, bad input, unknown model).', labelNames: ['status'], registers: [this.registry] });
  readonly policyVersion = new Gauge({ name: 'switchyard_proxy_policy_version', help: 'Policy version in use.', registers: [this.registry] });
  readonly spooledEvents = new Gauge({ name: 'switchyard_proxy_usage_spooled_events', help: 'Usage events waiting in the local spool.', registers: [this.registry] });
  readonly shippedEvents = new Counter({ name: 'switchyard_proxy_usage_shipped_events_total', help: 'Usage events accepted by the control plane.', registers: [this.registry] });
  private readonly children = new Map<string, unknown>();

  constructor(defaultMetrics = true) {
    if (defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'switchyard_proxy_' });
  }

  private child<T>(metric: Labelled<T>, name: string, ...values: string[]): T {
    const key = `${name}\u0000${values.join('\u0000')}`;
    let c = this.children.get(key) as T | undefined;
    if (c === undefined) {
      c = metric.labels(...values);
      this.children.set(key, c);
    }
    return c;
  }

  recordAttempt(bucket: string, model: string, outcome: string): void {
    this.child(this.attempts, 'a', bucket, model, outcome).inc();
  }

  recordRejected(status: number): void {
    this.child(this.rejected, 'r', String(status)).inc();
  }

  /** Everything about one finished request, from its usage event. */
  record(e: UsageEvent): void {
    const model = e.servedModel ?? 'none';
    this.child(this.requests, 'q', e.endpoint, e.bucket, model, String(e.status)).inc();
    this.child(this.latency, 'l', e.endpoint, e.bucket, model).observe(e.totalMs / 1000);
    if (e.ttftMs !== null && e.stream) this.child(this.ttft, 't', e.bucket, model).observe(e.ttftMs / 1000);
    if (e.errorType) this.child(this.errors, 'e', e.bucket, model, e.errorType).inc();
    if (e.promptTokens) this.child(this.tokens, 'k', e.bucket, model, 'prompt').inc(e.promptTokens);
    if (e.completionTokens) this.child(this.tokens, 'k', e.bucket, model, 'completion').inc(e.completionTokens);
    if (e.cachedTokens) this.child(this.tokens, 'k', e.bucket, model, 'cached').inc(e.cachedTokens);
    const usd = Number(e.costUsd);
    if (usd > 0) this.child(this.cost, 'c', e.bucket, model).inc(usd);
    this.child(this.cache, 'h', e.bucket, e.cache).inc();
  }
}
