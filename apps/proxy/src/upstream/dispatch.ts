import type { Bucket } from '@switchyard/contracts';
import { attemptPlan, classifyFailure } from '@switchyard/routing';
import type { CompiledModel, CompiledPolicy } from '../policy/compiled-policy';
import { attemptUpstream, type AttemptFailure, type AttemptSuccess } from './attempt';
import type { BreakerRegistry } from './breakers';
import type { CancelSignal } from './abort-handle';
import type { UpstreamPools } from './upstream-pools';

export interface DispatchDeps {
  pools: UpstreamPools;
  breakers: BreakerRegistry;
  /** Called after every attempt (metrics). */
  onAttempt(bucket: string, model: string, outcome: 'success' | 'fallback' | 'client_error' | 'aborted'): void;
}

export interface DispatchRequest {
  live: CompiledPolicy;
  bucket: Bucket;
  /** The first model to try; for a bucket, its picked target. */
  first: string;
  /** Try the bucket's fallbacks after `first` (false when the client named a concrete model). */
  withFallbacks: boolean;
  stream: boolean;
  /** The upstream body for a model (the client's body with that model's upstream name). */
  bodyFor(model: CompiledModel): string;
  /** Aborted when the client goes away. */
  client: CancelSignal;
  /** performance.now() at request start; the bucket's total budget counts from it. */
  startedAt: number;
}

export type DispatchResult =
  | { kind: 'success'; model: CompiledModel; attempts: number; answer: AttemptSuccess }
  /** A non-retryable upstream answer (4xx other than 429): goes to the client as it is. */
  | { kind: 'client-error'; model: CompiledModel; attempts: number; failure: AttemptFailure }
  /** Every attempt failed (or none could be made); `last` is the last failure, null when breakers skipped everything. */
  | { kind: 'failed'; attempts: number; last: AttemptFailure | null; lastModel: string | null; timedOut: boolean; skippedUntilMs: number }
  | { kind: 'client-gone'; attempts: number };

/**
 * Tries the plan in order within the bucket's time budget: the first model, then
 * fallbacks on 429, 5xx, connection errors and timeouts, skipping models whose
 * circuit breaker is open. Stops at the first success or non-retryable answer.
 */
export async function dispatch(deps: DispatchDeps, req: DispatchRequest): Promise<DispatchResult> {
  const { bucket, live } = req;
  const limits = bucket.limits;
  const breakerFor = (m: string) => deps.breakers.get(bucket.name, m, limits);
  const fallbacks = req.withFallbacks ? bucket : { fallbacks: [] as string[], limits };
  const plan = attemptPlan(fallbacks, req.first, (m) => !breakerFor(m).isAvailable());
  const deadline = req.startedAt + limits.totalBudgetMs;
  let attempts = 0;
  let last: AttemptFailure | null = null;
  let lastModel: string | null = null;
  let timedOut = false;

  for (const id of plan) {
    const model = live.models.get(id);
    if (!model) continue;
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      timedOut = true;
      break;
    }
    const breaker = breakerFor(id);
    if (!breaker.tryAcquire()) continue;
    attempts++;
    const r = await attemptUpstream(deps.pools, model, req.bodyFor(model), req.stream, Math.min(limits.attemptTimeoutMs, remaining), req.client, limits.attemptTimeoutMs);
    if (r.ok) {
      breaker.onSuccess();
      deps.onAttempt(bucket.name, id, 'success');
      return { kind: 'success', model, attempts, answer: r };
    }
    if (r.clientGone) {
      breaker.onNeutral();
      deps.onAttempt(bucket.name, id, 'aborted');
      return { kind: 'client-gone', attempts };
    }
    if (classifyFailure(r.failure) === 'return-to-client') {
      // The provider is up and judged the request itself: counts as a healthy answer.
      breaker.onSuccess();
      deps.onAttempt(bucket.name, id, 'client_error');
      return { kind: 'client-error', model, attempts, failure: r };
    }
    breaker.onFailure();
    deps.onAttempt(bucket.name, id, 'fallback');
    last = r;
    lastModel = id;
    timedOut = r.failure.kind === 'timeout';
  }
  if (!timedOut && plan.length > 0 && attempts < plan.length && performance.now() >= deadline) timedOut = true;
  // With every model skipped, say when the first one will be tried again.
  let skippedUntilMs = 0;
  if (attempts === 0) {
    for (const m of [req.first, ...(req.withFallbacks ? bucket.fallbacks : [])]) {
      const wait = breakerFor(m).retryInMs();
      if (wait > 0 && (skippedUntilMs === 0 || wait < skippedUntilMs)) skippedUntilMs = wait;
    }
  }
  return { kind: 'failed', attempts, last, lastModel, timedOut, skippedUntilMs };
}
