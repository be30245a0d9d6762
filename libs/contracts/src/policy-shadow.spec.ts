import { canonicalJson } from './canonical-json';
import { policyContent } from './policy';
import { modelsNamedBy, validatePolicy, type CatalogEntry } from './policy-validation';

const catalog: CatalogEntry[] = [
  { id: 'deepseek-ai/DeepSeek-V4-Flash', kind: 'chat', enabled: true },
  { id: 'openai/gpt-4o', kind: 'chat', enabled: true },
  { id: 'anthropic/claude-x', kind: 'chat', enabled: true },
  { id: 'old/model', kind: 'chat', enabled: false },
  { id: 'openai/text-embedding-3-small', kind: 'embedding', enabled: true },
];

const policy = (shadow?: unknown) => ({
  defaultBucket: 'bulk',
  baselineModel: 'openai/gpt-4o',
  buckets: [{ name: 'bulk', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], ...(shadow === undefined ? {} : { shadow }) }],
});

describe('bucket shadow sampling (issue 9)', () => {
  it('is optional: a policy without it parses exactly as before (no field added, same canonical JSON)', () => {
    const r = validatePolicy(policy(), catalog);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect('shadow' in r.policy.buckets[0]).toBe(false);
    expect(canonicalJson(policyContent.parse(r.policy))).toBe(canonicalJson(r.policy));
  });

  it('accepts a rate with the baseline as default comparison model', () => {
    const r = validatePolicy(policy({ rate: 0.02 }), catalog);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.policy.buckets[0].shadow).toEqual({ rate: 0.02, model: null });
    expect(modelsNamedBy(r.policy)).toEqual(['deepseek-ai/DeepSeek-V4-Flash', 'openai/gpt-4o']);
  });

  it('names an explicit comparison model among the models a snapshot must carry', () => {
    const r = validatePolicy(policy({ rate: 0.5, model: 'anthropic/claude-x' }), catalog);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(modelsNamedBy(r.policy)).toContain('anthropic/claude-x');
  });

  it('rejects a rate outside 0..1 and a model that is unknown, disabled or not a chat model, with paths', () => {
    const issues = (shadow: unknown) => {
      const r = validatePolicy(policy(shadow), catalog);
      return r.ok ? {} : Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    };
    expect(issues({ rate: 1.5 })['buckets.0.shadow.rate']).toMatch(/out of range/);
    expect(issues({ rate: -0.1 })['buckets.0.shadow.rate']).toMatch(/out of range/);
    expect(issues({ rate: 0.1, model: 'nope/x' })['buckets.0.shadow.model']).toMatch(/not a catalog model/);
    expect(issues({ rate: 0.1, model: 'old/model' })['buckets.0.shadow.model']).toMatch(/disabled/);
    expect(issues({ rate: 0.1, model: 'openai/text-embedding-3-small' })['buckets.0.shadow.model']).toMatch(/chat model is needed/);
    expect(Object.keys(issues({ rate: 0.1, extra: true }))).toContain('buckets.0.shadow');
    expect(Object.keys(issues({ model: null }))).toContain('buckets.0.shadow.rate');
  });
});
