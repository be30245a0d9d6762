import { CircuitBreaker } from '@switchyard/routing';
import type { BucketLimits } from '@switchyard/contracts';

/**
 * Circuit breakers per (bucket, model): thresholds are a bucket setting, so the same
 * model may be judged differently by two buckets. State survives policy versions;
 * thresholds follow the live version.
 */
export class BreakerRegistry {
  private readonly breakers = new Map<string, { breaker: CircuitBreaker; limits: BucketLimits }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(bucket: string, model: string, limits: BucketLimits): CircuitBreaker {
    const key = `${bucket}\u0000${model}`;
    let entry = this.breakers.get(key);
    if (!entry) {
      entry = { breaker: new CircuitBreaker({ failureThreshold: limits.breakerFailures, cooldownMs: limits.breakerCooldownMs }, this.now), limits };
      this.breakers.set(key, entry);
    } else if (entry.limits !== limits) {
      entry.breaker.configure({ failureThreshold: limits.breakerFailures, cooldownMs: limits.breakerCooldownMs });
      entry.limits = limits;
    }
    return entry.breaker;
  }
}
