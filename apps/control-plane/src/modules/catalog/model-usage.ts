import type { PolicyContent } from '@switchyard/contracts';

/** Where a policy names a model, in words an admin reads in an error message. */
export function usesOfModel(policy: PolicyContent, modelId: string): string[] {
  const uses: string[] = [];
  for (const b of policy.buckets) {
    const roles: string[] = [];
    if (b.targets.some((t) => t.model === modelId)) roles.push('target');
    if (b.fallbacks.includes(modelId)) roles.push('fallback');
    if (roles.length > 0) uses.push(`bucket "${b.name}" (${roles.join(', ')})`);
  }
  if (policy.baselineModel === modelId) uses.push('baselineModel');
  if (policy.embeddingModel === modelId) uses.push('embeddingModel');
  return uses;
}
