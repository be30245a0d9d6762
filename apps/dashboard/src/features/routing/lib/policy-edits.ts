import type { BucketInput, CacheSettings, PolicyContentInput, ShadowSettings } from '@switchyard/contracts';
import { rebalance, removeWeight } from './rebalance';

/** Pure, immutable edits of draft policy content, one per control in the editor. */

function updateBucket(content: PolicyContentInput, index: number, fn: (b: BucketInput) => BucketInput): PolicyContentInput {
  return { ...content, buckets: content.buckets.map((b, i) => (i === index ? fn(b) : b)) };
}

export function setWeight(content: PolicyContentInput, bucket: number, target: number, value: number): PolicyContentInput {
  return updateBucket(content, bucket, (b) => {
    const weights = rebalance(b.targets.map((t) => t.weight), target, value);
    return { ...b, targets: b.targets.map((t, i) => ({ ...t, weight: weights[i] })) };
  });
}

export function setTargetModel(content: PolicyContentInput, bucket: number, target: number, model: string): PolicyContentInput {
  return updateBucket(content, bucket, (b) => ({ ...b, targets: b.targets.map((t, i) => (i === target ? { ...t, model } : t)) }));
}

/** A new target starts at 0% (the total stays 100), or 100% if it is the only one. */
export function addTarget(content: PolicyContentInput, bucket: number, model: string): PolicyContentInput {
  return updateBucket(content, bucket, (b) => ({ ...b, targets: [...b.targets, { model, weight: b.targets.length === 0 ? 100 : 0 }] }));
}

export function removeTarget(content: PolicyContentInput, bucket: number, target: number): PolicyContentInput {
  return updateBucket(content, bucket, (b) => {
    const weights = removeWeight(b.targets.map((t) => t.weight), target);
    return { ...b, targets: b.targets.filter((_, i) => i !== target).map((t, i) => ({ ...t, weight: weights[i] })) };
  });
}

export function moveFallback(content: PolicyContentInput, bucket: number, index: number, delta: -1 | 1): PolicyContentInput {
  return updateBucket(content, bucket, (b) => {
    const list = [...(b.fallbacks ?? [])];
    const to = index + delta;
    if (to < 0 || to >= list.length) return b;
    [list[index], list[to]] = [list[to], list[index]];
    return { ...b, fallbacks: list };
  });
}

export function addFallback(content: PolicyContentInput, bucket: number, model: string): PolicyContentInput {
  return updateBucket(content, bucket, (b) => ({ ...b, fallbacks: [...(b.fallbacks ?? []), model] }));
}

export function removeFallback(content: PolicyContentInput, bucket: number, index: number): PolicyContentInput {
  return updateBucket(content, bucket, (b) => ({ ...b, fallbacks: (b.fallbacks ?? []).filter((_, i) => i !== index) }));
}

export function setCache(content: PolicyContentInput, bucket: number, patch: Partial<CacheSettings>): PolicyContentInput {
  return updateBucket(content, bucket, (b) => ({ ...b, cache: { ...b.cache, ...patch } }));
}

/** Turns blind-review sampling on with `shadow`, or off with null (the field is left out, as in a policy that never had it). */
export function setShadow(content: PolicyContentInput, bucket: number, shadow: ShadowSettings | null): PolicyContentInput {
  return updateBucket(content, bucket, (b) => {
    const { shadow: _old, ...rest } = b;
    return shadow ? { ...rest, shadow } : rest;
  });
}

export function setPolicyField(
  content: PolicyContentInput,
  field: 'defaultBucket' | 'baselineModel' | 'embeddingModel',
  value: string | null,
): PolicyContentInput {
  return { ...content, [field]: value };
}
