import { CircuitBreaker } from '@switchyard/routing';
import type { BucketLimits } from '@switchyard/contracts';

/**
 * Circuit breakers per (bucket, model): thresholds are a bucket setting, so the same
 * model may be judged differently by two buckets. State survives policy versions;
 * thresholds follow the live version.
 */
export class BreakerRegistry {
  /** bucket → model → breaker (nested maps: no key string built per lookup). */
  private readonly breakers = new Map<string, Map<string, { breaker: CircuitBreaker; limits: BucketLimits }>>();

  constructor(private readonly now: () => number = Date.now) {}

  get(bucket: string, model: string, limits: BucketLimits): CircuitBreaker {
    let byModel = this.breakers.get(bucket);
    if (!byModel) this.breakers.set(bucket, (byModel = new Map()));
    let entry = byModel.get(model);
    if (!entry) {
      entry = { breaker: new CircuitBreaker({ failureThreshold: limits.breakerFailures, cooldownMs: limits.breakerCooldownMs }, this.now), limits };
      byModel.set(model, entry);
    } else if (entry.limits !== limits) {
      entry.breaker.configure({ failureThreshold: limits.breakerFailures, cooldownMs: limits.breakerCooldownMs });
      entry.limits = limits;
    }
    return entry.breaker;
  }
}
