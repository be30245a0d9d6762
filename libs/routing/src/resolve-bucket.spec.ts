import { policyContent, SEED_MODELS, SEED_POLICY, type PolicyContent } from '@switchyard/contracts';
import { resolveBucket, type BucketRequest } from './resolve-bucket';

const catalog = new Set(SEED_MODELS.map((m) => m.id));

function policy(extra: Partial<PolicyContent> = {}): PolicyContent {
  const base = policyContent.parse(SEED_POLICY);
  return { ...base, ...extra };
}

/** Seed policy plus rules: team "support" → critical; header x-tier: batch → bulk; user "batch-" → bulk; legacy "gpt-4" → critical. */
function withRules(): PolicyContent {
  const p = policy();
  const buckets = p.buckets.map((b) => {
    if (b.name === 'critical') return { ...b, match: [{ team: 'support' }, { model: 'gpt-4' }] };
    if (b.name === 'bulk') return { ...b, match: [{ header: { name: 'X-Tier', value: 'batch' } }, { userPrefix: 'batch-', team: 'growth' }] };
    return b;
  });
  return { ...p, buckets };
}

const req = (r: Partial<BucketRequest>): BucketRequest => ({ headers: {}, ...r });
const name = (r: ReturnType<typeof resolveBucket>) => (r.kind === 'unknown' ? `unknown:${r.param}` : `${r.kind}:${r.bucket.name}:${r.via}`);

describe('resolveBucket', () => {
  it('honours the x-switchyard-bucket header before anything else', () => {
    const r = resolveBucket(req({ headerBucket: 'bulk', model: 'critical', keyDefaultBucket: 'standard' }), withRules(), catalog);
    expect(name(r)).toBe('bucket:bulk:header');
  });

  it('rejects an unknown header bucket instead of ignoring it', () => {
    const r = resolveBucket(req({ headerBucket: 'nope', model: 'bulk' }), policy(), catalog);
    expect(r).toEqual({ kind: 'unknown', reason: expect.stringContaining("'nope'"), param: 'x-switchyard-bucket' });
  });

  it('takes a model equal to a bucket name as that bucket', () => {
    expect(name(resolveBucket(req({ model: 'critical', keyDefaultBucket: 'bulk' }), policy(), catalog))).toBe('bucket:critical:model');
  });

  it('serves a catalog model as asked and accounts it to the key default, a rule or the default bucket', () => {
    const p = withRules();
    const asked = 'deepseek-ai/DeepSeek-V4-Flash';
    const viaKey = resolveBucket(req({ model: asked, keyDefaultBucket: 'bulk' }), p, catalog);
    expect(viaKey).toMatchObject({ kind: 'model', modelId: asked, via: 'key' });
    expect(name(viaKey)).toBe('model:bulk:key');
    expect(name(resolveBucket(req({ model: asked, team: 'support' }), p, catalog))).toBe('model:critical:rule');
    expect(name(resolveBucket(req({ model: asked }), p, catalog))).toBe('model:standard:default');
  });

  it('uses the key default bucket, then rules, then the default bucket for requests without a model', () => {
    const p = withRules();
    expect(name(resolveBucket(req({ keyDefaultBucket: 'bulk', team: 'support' }), p, catalog))).toBe('bucket:bulk:key');
    expect(name(resolveBucket(req({ team: 'support' }), p, catalog))).toBe('bucket:critical:rule');
    expect(name(resolveBucket(req({ model: 'auto', headers: { 'x-tier': 'batch' } }), p, catalog))).toBe('bucket:bulk:rule');
    expect(name(resolveBucket(req({ model: 'default' }), p, catalog))).toBe('bucket:standard:default');
    expect(name(resolveBucket(req({ model: '' }), p, catalog))).toBe('bucket:standard:default');
  });

  it('skips a key default bucket the policy no longer has', () => {
    expect(name(resolveBucket(req({ keyDefaultBucket: 'retired' }), policy(), catalog))).toBe('bucket:standard:default');
  });

  it('requires every condition of a rule (AND) and any rule of a bucket (OR)', () => {
    const p = withRules();
    expect(name(resolveBucket(req({ user: 'batch-7', team: 'growth' }), p, catalog))).toBe('bucket:bulk:rule');
    expect(name(resolveBucket(req({ user: 'batch-7', team: 'other' }), p, catalog))).toBe('bucket:standard:default');
    expect(name(resolveBucket(req({ user: 'interactive', team: 'growth' }), p, catalog))).toBe('bucket:standard:default');
    expect(name(resolveBucket(req({ headers: { 'x-tier': 'online' } }), p, catalog))).toBe('bucket:standard:default');
  });

  it('routes an unknown model only when a rule names it, else reports model not found', () => {
    const p = withRules();
    expect(name(resolveBucket(req({ model: 'gpt-4' }), p, catalog))).toBe('bucket:critical:rule');
    // team "support" matches a critical rule, but the model is unknown and no rule names it: a typo must not be served.
    const r = resolveBucket(req({ model: 'gpt-4o-typo', team: 'support', keyDefaultBucket: 'bulk' }), p, catalog);
    expect(r).toEqual({ kind: 'unknown', reason: "The model 'gpt-4o-typo' does not exist or you do not have access to it.", param: 'model' });
  });

  it('does not let model-naming rules match catalog models or aliases', () => {
    const p = withRules();
    // A rule {model: 'gpt-4'} must not capture requests that name a real model.
    expect(name(resolveBucket(req({ model: 'openai/gpt-4o' }), p, catalog))).toBe('model:standard:default');
  });

  it('tries buckets in policy order', () => {
    const p = policy();
    const buckets = p.buckets.map((b) => ({ ...b, match: [{ team: 'x' }] }));
    expect(name(resolveBucket(req({ team: 'x' }), { ...p, buckets }, catalog))).toBe('bucket:bulk:rule');
  });
});
