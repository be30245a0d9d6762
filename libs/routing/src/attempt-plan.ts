import type { Bucket } from '@switchyard/contracts';

/**
 * The models to try for one request, in order: the picked target, then the bucket's
 * fallbacks, each model once, at most `limits.maxAttempts` of them. `skip` removes
 * models that must not be tried now (an open circuit breaker) before the cap is
 * applied, so a skipped model does not use up an attempt.
 */
export function attemptPlan(bucket: Pick<Bucket, 'fallbacks' | 'limits'>, picked: string, skip?: (model: string) => boolean): string[] {
  const max = Math.max(1, bucket.limits.maxAttempts);
  const plan: string[] = [];
  const consider = (model: string) => {
    if (plan.length >= max || plan.includes(model)) return;
    if (skip && skip(model)) return;
    plan.push(model);
  };
  consider(picked);
  for (const f of bucket.fallbacks) consider(f);
  return plan;
}
