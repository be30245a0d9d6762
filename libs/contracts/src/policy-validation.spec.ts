import { validatePolicy, modelsNamedBy, type CatalogEntry } from './policy-validation';
import { diffJson } from './diff';
import { canonicalJson } from './canonical-json';

const catalog: CatalogEntry[] = [
  { id: 'deepseek-ai/DeepSeek-V4-Flash', kind: 'chat', enabled: true },
  { id: 'deepseek-ai/DeepSeek-V4-Pro', kind: 'chat', enabled: true },
  { id: 'openai/gpt-4o', kind: 'chat', enabled: true },
  { id: 'old/model', kind: 'chat', enabled: false },
  { id: 'openai/text-embedding-3-small', kind: 'embedding', enabled: true },
];

const valid = {
  defaultBucket: 'standard',
  baselineModel: 'openai/gpt-4o',
  buckets: [
    { name: 'bulk', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }] },
    {
      name: 'standard',
      targets: [
        { model: 'deepseek-ai/DeepSeek-V4-Pro', weight: 90 },
        { model: 'openai/gpt-4o', weight: 10 },
      ],
      fallbacks: ['openai/gpt-4o'],
    },
  ],
};

describe('validatePolicy', () => {
  it('accepts a valid policy and fills defaults', () => {
    const r = validatePolicy(valid, catalog);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.buckets[0].cache).toEqual({
      exact: true, semantic: false, threshold: 0.92, ttlSeconds: 3600, maxTemperature: 1, allowToolCalls: false,
    });
    expect(r.policy.embeddingModel).toBeNull();
    expect(modelsNamedBy(r.policy)).toEqual(['deepseek-ai/DeepSeek-V4-Flash', 'deepseek-ai/DeepSeek-V4-Pro', 'openai/gpt-4o']);
  });

  it('lists every problem at once, each with its path', () => {
    const bad = {
      defaultBucket: 'missing',
      baselineModel: 'openai/gpt-4o',
      embeddingModel: 'openai/gpt-4o',
      buckets: [
        { name: 'bulk', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 60 }, { model: 'nope/x', weight: 30 }] },
        { name: 'bulk', targets: [{ model: 'old/model', weight: 100 }], fallbacks: ['openai/gpt-4o', 'openai/gpt-4o'],
          cache: { threshold: 1.5, ttlSeconds: 0 } },
      ],
    };
    const r = validatePolicy(bad, catalog);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(byPath['buckets.0.targets']).toMatch(/sum to 90/);
    expect(byPath['buckets.0.targets.1.model']).toMatch(/not a catalog model/);
    expect(byPath['buckets.1.name']).toMatch(/duplicate bucket name "bulk"/);
    expect(byPath['buckets.1.targets.0.model']).toMatch(/disabled/);
    expect(byPath['buckets.1.fallbacks.1']).toMatch(/listed twice/);
    expect(byPath['buckets.1.cache.threshold']).toMatch(/out of range/);
    expect(byPath['buckets.1.cache.ttlSeconds']).toMatch(/out of range/);
    expect(byPath['defaultBucket']).toMatch(/no bucket is named "missing"/);
    expect(byPath['embeddingModel']).toMatch(/embedding model is needed/);
  });

  it('reports structural errors with paths', () => {
    const r = validatePolicy({ defaultBucket: 'x', baselineModel: 'openai/gpt-4o', buckets: [{ name: 'Bad Name', targets: [] }] }, catalog);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['buckets.0.name', 'buckets.0.targets']));
  });

  it('rejects unknown fields instead of dropping them silently', () => {
    const r = validatePolicy({ ...valid, extra: 1 }, catalog);
    expect(r.ok).toBe(false);
  });
});

describe('diffJson', () => {
  it('matches buckets by name and reports changed weights', () => {
    const after = structuredClone(valid);
    after.buckets[1].targets[0].weight = 80;
    after.buckets[1].targets[1].weight = 20;
    after.buckets.push({ name: 'critical', targets: [{ model: 'openai/gpt-4o', weight: 100 }] } as never);
    expect(diffJson(valid, after)).toEqual([
      {
        path: 'buckets[standard].targets',
        kind: 'changed',
        before: [{ model: 'deepseek-ai/DeepSeek-V4-Pro', weight: 90 }, { model: 'openai/gpt-4o', weight: 10 }],
        after: [{ model: 'deepseek-ai/DeepSeek-V4-Pro', weight: 80 }, { model: 'openai/gpt-4o', weight: 20 }],
      },
      { path: 'buckets[critical]', kind: 'added', after: { name: 'critical', targets: [{ model: 'openai/gpt-4o', weight: 100 }] } },
    ]);
  });

  it('is empty for equal values regardless of key order', () => {
    expect(diffJson({ a: 1, b: { c: 2 } }, { b: { c: 2 }, a: 1 })).toEqual([]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
