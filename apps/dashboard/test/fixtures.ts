import { SEED_MODELS, SEED_POLICY, type CatalogModel, type PolicyDraft, type PolicyVersionDetail, type PolicyContentInput } from '@switchyard/contracts';

/** JSON deep copy (jsdom has no structuredClone). */
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The seeded catalog as the API returns it. */
export function catalogModels(overrides: Partial<Record<string, Partial<CatalogModel>>> = {}): CatalogModel[] {
  return SEED_MODELS.map((m) => {
    const price = { input: m.inputPrice, output: m.outputPrice, cachedInput: m.cachedInputPrice ?? m.inputPrice, effectiveFrom: '2026-01-01T00:00:00.000Z' };
    return {
      id: m.id,
      provider: m.provider,
      upstreamModel: m.id.split('/').slice(1).join('/'),
      kind: m.kind ?? 'chat',
      contextWindow: m.contextWindow,
      enabled: m.enabled ?? true,
      price,
      priceHistory: [price],
      createdAt: '2026-01-01T00:00:00.000Z',
      ...overrides[m.id],
    };
  });
}

export function draftOf(content: PolicyContentInput = SEED_POLICY, id = 'd1'): PolicyDraft {
  return {
    id,
    name: 'Cheaper bulk',
    baseVersion: 3,
    content: clone(content),
    createdBy: 'admin@example.com',
    updatedBy: 'admin@example.com',
    createdAt: '2026-02-01T10:00:00.000Z',
    updatedAt: '2026-02-01T10:00:00.000Z',
  };
}

/** A policy where bulk splits between two models, so sliders have something to rebalance. */
export function splitPolicy(): PolicyContentInput {
  const p = clone(SEED_POLICY);
  p.buckets[0].targets = [
    { model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 60 },
    { model: 'zai-org/GLM-4-Plus', weight: 30 },
    { model: 'Qwen/Qwen3-32B', weight: 10 },
  ];
  return p;
}

export function liveVersion(version = 3): PolicyVersionDetail {
  return {
    version,
    hash: 'a'.repeat(64),
    author: 'admin@example.com',
    message: 'Initial routing',
    publishedAt: '2026-01-15T09:00:00.000Z',
    rolledBackFrom: null,
    snapshot: {
      version,
      hash: 'a'.repeat(64),
      publishedAt: '2026-01-15T09:00:00.000Z',
      author: 'admin@example.com',
      message: 'Initial routing',
      // The live snapshot carries parsed content (defaults filled in).
      policy: {
        defaultBucket: 'standard',
        baselineModel: 'openai/gpt-4o',
        embeddingModel: null,
        buckets: SEED_POLICY.buckets.map((b) => ({
          name: b.name,
          description: b.description ?? '',
          match: [],
          targets: b.targets,
          fallbacks: b.fallbacks ?? [],
          cache: { exact: true, semantic: false, threshold: 0.92, ttlSeconds: 3600, maxTemperature: 1, allowToolCalls: false, ...b.cache },
          limits: { attemptTimeoutMs: 30000, totalBudgetMs: 60000, maxAttempts: 3, breakerFailures: 5, breakerCooldownMs: 30000 },
        })),
      },
      models: {},
      providers: {},
    },
  };
}
