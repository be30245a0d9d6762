import { canonicalJson, policyContent, policySnapshot, SEED_MODELS, SEED_POLICY, SEED_PROVIDERS, validatePolicy, type PricePoint } from '@switchyard/contracts';
import type { CatalogData, CatalogModelData } from '../catalog/catalog-data';
import { buildSnapshot, orderedSnapshot, snapshotContent, snapshotHash } from './policy-snapshot';

const T0 = '2026-01-01T00:00:00.000Z';

function seedCatalog(overrides: Partial<Record<string, Partial<CatalogModelData>>> = {}): CatalogData {
  const models: CatalogModelData[] = SEED_MODELS.map((m) => ({
    id: m.id,
    provider: m.provider,
    upstreamModel: m.id.split('/')[1],
    kind: m.kind ?? 'chat',
    contextWindow: m.contextWindow,
    enabled: true,
    createdAt: new Date(T0),
    prices: [{ input: m.inputPrice, output: m.outputPrice, cachedInput: m.cachedInputPrice ?? m.inputPrice, effectiveFrom: T0 }],
    ...overrides[m.id],
  }));
  return {
    providers: new Map(SEED_PROVIDERS.map((p) => [p.name, { name: p.name, baseUrl: p.baseUrl, apiKeyEnv: p.apiKeyEnv ?? null }])),
    models,
  };
}

const policy = policyContent.parse(SEED_POLICY);
const meta = { version: 3, publishedAt: new Date(T0), author: 'a@x', message: 'm' };

describe('policy snapshots', () => {
  it('embeds every named model (and every other enabled one) with its provider route and prices, and matches the contract', () => {
    const snap = buildSnapshot(meta, snapshotContent(policy, seedCatalog()));
    expect(policySnapshot.parse(snap)).toEqual(snap);
    expect(Object.keys(snap.models)).toEqual(SEED_MODELS.map((m) => m.id).sort());
    expect(snap.models['openai/gpt-4o']).toEqual({
      id: 'openai/gpt-4o',
      provider: 'openai',
      upstreamModel: 'gpt-4o',
      kind: 'chat',
      contextWindow: 128_000,
      prices: [{ input: '2.50', output: '10.00', cachedInput: '1.25', effectiveFrom: T0 }],
    });
    expect(Object.keys(snap.providers)).toEqual(['deepseek', 'openai', 'together', 'zhipu']);
    expect(snap.providers.openai).toEqual({ name: 'openai', baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' });
    // What a proxy checks before applying it.
    const catalog = Object.values(snap.models).map((m) => ({ id: m.id, kind: m.kind, enabled: true }));
    expect(validatePolicy(snap.policy, catalog).ok).toBe(true);
  });

  it('leaves out disabled models the policy does not name, and their providers when nothing else uses them', () => {
    const snap = snapshotContent(policy, seedCatalog({ 'Qwen/Qwen3-32B': { enabled: false } }));
    expect(snap.models['Qwen/Qwen3-32B']).toBeUndefined();
    expect(snap.providers.together).toBeUndefined();
  });

  it('hashes canonical JSON of policy, models and providers: equal content gives an equal hash whatever the order', () => {
    const a = snapshotContent(policy, seedCatalog());
    const shuffled = seedCatalog();
    shuffled.models.reverse();
    shuffled.providers = new Map([...shuffled.providers].reverse());
    const b = snapshotContent(policyContent.parse(JSON.parse(canonicalJson(SEED_POLICY))), shuffled);
    expect(snapshotHash(b)).toBe(snapshotHash(a));
    expect(snapshotHash(a)).toMatch(/^[a-f0-9]{64}$/);
    // Version, author, time and message are not content.
    expect(buildSnapshot({ ...meta, version: 9, author: 'other', message: 'x' }, b).hash).toBe(buildSnapshot(meta, a).hash);
  });

  it('changes the hash when a price, a route or the policy changes', () => {
    const base = snapshotHash(snapshotContent(policy, seedCatalog()));
    const later: PricePoint = { input: '2', output: '8', cachedInput: '1', effectiveFrom: '2026-06-01T00:00:00.000Z' };
    const priced = seedCatalog({ 'openai/gpt-4o': { prices: [{ input: '2.50', output: '10.00', cachedInput: '1.25', effectiveFrom: T0 }, later] } });
    expect(snapshotHash(snapshotContent(policy, priced))).not.toBe(base);
    const rerouted = seedCatalog();
    rerouted.providers.set('openai', { name: 'openai', baseUrl: 'http://127.0.0.1:8090/v1', apiKeyEnv: 'OPENAI_API_KEY' });
    expect(snapshotHash(snapshotContent(policy, rerouted))).not.toBe(base);
    const edited = policyContent.parse({ ...SEED_POLICY, defaultBucket: 'bulk' });
    expect(snapshotHash(snapshotContent(edited, seedCatalog()))).not.toBe(base);
  });

  it('orders prices oldest first whatever order the catalog gave', () => {
    const later: PricePoint = { input: '2', output: '8', cachedInput: '1', effectiveFrom: '2026-06-01T00:00:00.000Z' };
    const first: PricePoint = { input: '2.50', output: '10.00', cachedInput: '1.25', effectiveFrom: T0 };
    const snap = snapshotContent(policy, seedCatalog({ 'openai/gpt-4o': { prices: [later, first] } }));
    expect(snap.models['openai/gpt-4o'].prices).toEqual([first, later]);
  });

  it('refuses to snapshot a named model that is missing from the catalog', () => {
    const catalog = seedCatalog();
    catalog.models = catalog.models.filter((m) => m.id !== 'openai/gpt-4o');
    expect(() => snapshotContent(policy, catalog)).toThrow(/openai\/gpt-4o/);
  });

  it('restores the contract key order of a snapshot read back from jsonb without changing its hash', () => {
    const snap = buildSnapshot(meta, snapshotContent(policy, seedCatalog()));
    const scrambled = JSON.parse(JSON.stringify(snap, Object.keys(snap).reverse()));
    const reversedModels = Object.fromEntries(Object.entries(snap.models).reverse());
    const restored = orderedSnapshot({ ...scrambled, ...snap, models: reversedModels });
    expect(Object.keys(restored).slice(0, 3)).toEqual(['version', 'hash', 'publishedAt']);
    expect(Object.keys(restored.models)).toEqual(Object.keys(snap.models));
    expect(snapshotHash(restored)).toBe(snap.hash);
  });
});
