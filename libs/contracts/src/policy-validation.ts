import { CACHE_LIMITS, LIMIT_RANGES, SHADOW_RATE_RANGE, policyContent, type PolicyContent } from './policy';
import type { ModelKind } from './catalog';
import { parseWith, type ValidationIssue } from './validation-issue';

/** What validation needs to know about each catalog model. */
export interface CatalogEntry {
  id: string;
  kind: ModelKind;
  enabled: boolean;
}

export type PolicyValidation =
  | { ok: true; policy: PolicyContent }
  | { ok: false; issues: ValidationIssue[] };

/**
 * Validates policy content against the catalog and returns every problem at once,
 * each with its path — used by the control plane (publish), the proxy (apply),
 * the CLI and the dashboard (inline errors), so all four agree.
 */
export function validatePolicy(input: unknown, catalog: readonly CatalogEntry[]): PolicyValidation {
  const parsed = parseWith(policyContent, input);
  if (!parsed.ok) return parsed;
  const policy = parsed.value;
  const issues: ValidationIssue[] = [];
  const models = new Map(catalog.map((m) => [m.id, m]));

  const requireModel = (id: string, path: string, kind: ModelKind) => {
    const m = models.get(id);
    if (!m) issues.push({ path, message: `"${id}" is not a catalog model` });
    else if (!m.enabled) issues.push({ path, message: `"${id}" is disabled in the catalog` });
    else if (m.kind !== kind) issues.push({ path, message: `"${id}" is a ${m.kind} model; a ${kind} model is needed here` });
  };

  const seen = new Map<string, number>();
  policy.buckets.forEach((b, i) => {
    const at = `buckets.${i}`;
    const first = seen.get(b.name);
    if (first !== undefined) issues.push({ path: `${at}.name`, message: `duplicate bucket name "${b.name}" (also buckets.${first})` });
    else seen.set(b.name, i);

    const sum = b.targets.reduce((s, t) => s + t.weight, 0);
    if (sum !== 100) issues.push({ path: `${at}.targets`, message: `weights sum to ${sum}; they must sum to exactly 100` });
    const targetIds = new Set<string>();
    b.targets.forEach((t, j) => {
      requireModel(t.model, `${at}.targets.${j}.model`, 'chat');
      if (targetIds.has(t.model)) issues.push({ path: `${at}.targets.${j}.model`, message: `"${t.model}" is listed twice` });
      targetIds.add(t.model);
    });
    const fallbackIds = new Set<string>();
    b.fallbacks.forEach((f, j) => {
      requireModel(f, `${at}.fallbacks.${j}`, 'chat');
      if (fallbackIds.has(f)) issues.push({ path: `${at}.fallbacks.${j}`, message: `"${f}" is listed twice` });
      fallbackIds.add(f);
    });

    checkRange(issues, `${at}.cache.threshold`, b.cache.threshold, CACHE_LIMITS.threshold);
    checkRange(issues, `${at}.cache.ttlSeconds`, b.cache.ttlSeconds, CACHE_LIMITS.ttlSeconds);
    checkRange(issues, `${at}.cache.maxTemperature`, b.cache.maxTemperature, CACHE_LIMITS.maxTemperature);
    for (const [key, range] of Object.entries(LIMIT_RANGES)) {
      checkRange(issues, `${at}.limits.${key}`, b.limits[key as keyof typeof LIMIT_RANGES], range);
    }
    if (b.limits.attemptTimeoutMs > b.limits.totalBudgetMs) {
      issues.push({ path: `${at}.limits.attemptTimeoutMs`, message: 'must not exceed totalBudgetMs' });
    }
    if (b.shadow) {
      checkRange(issues, `${at}.shadow.rate`, b.shadow.rate, SHADOW_RATE_RANGE);
      if (b.shadow.model !== null) requireModel(b.shadow.model, `${at}.shadow.model`, 'chat');
    }
  });

  if (!seen.has(policy.defaultBucket)) {
    issues.push({ path: 'defaultBucket', message: `no bucket is named "${policy.defaultBucket}"` });
  }
  requireModel(policy.baselineModel, 'baselineModel', 'chat');
  if (policy.embeddingModel !== null) requireModel(policy.embeddingModel, 'embeddingModel', 'embedding');

  return issues.length > 0 ? { ok: false, issues } : { ok: true, policy };
}

function checkRange(issues: ValidationIssue[], path: string, value: number, range: { min: number; max: number }) {
  if (!(value >= range.min && value <= range.max)) {
    issues.push({ path, message: `${value} is out of range; allowed ${range.min} to ${range.max}` });
  }
}

/** Every model id a policy names (targets, fallbacks, shadow comparison models, baseline, embeddings model). */
export function modelsNamedBy(policy: PolicyContent): string[] {
  const ids = new Set<string>([policy.baselineModel]);
  if (policy.embeddingModel) ids.add(policy.embeddingModel);
  for (const b of policy.buckets) {
    for (const t of b.targets) ids.add(t.model);
    for (const f of b.fallbacks) ids.add(f);
    if (b.shadow?.model) ids.add(b.shadow.model);
  }
  return [...ids].sort();
}
