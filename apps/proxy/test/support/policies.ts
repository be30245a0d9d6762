import { SEED_POLICY, type BucketInput, type PolicyContentInput } from '@switchyard/contracts';

/** The starter policy with some buckets' fields replaced (by bucket name) and extra buckets appended. */
export function seedPolicyWith(changes: Record<string, Partial<BucketInput>>, extra: BucketInput[] = []): PolicyContentInput {
  return {
    ...SEED_POLICY,
    buckets: [...SEED_POLICY.buckets.map((b) => ({ ...b, ...(changes[b.name] ?? {}) })), ...extra],
  };
}

/** Upstream names the simulated provider sees for the seed models (its per-model fault keys). */
export const UPSTREAM = {
  flash: 'DeepSeek-V4-Flash',
  pro: 'DeepSeek-V4-Pro',
  glm: 'GLM-4-Plus',
  gpt4o: 'gpt-4o',
  qwen: 'Qwen3-32B',
} as const;
