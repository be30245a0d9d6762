import { SEED_MODELS, SEED_PROVIDERS, type CatalogModel, type PolicyVersionDetail, type Provider } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';

const enc = encodeURIComponent;
const SIM = 'http://127.0.0.1:8090/v1';

describe('catalog: providers and models with effective-dated prices', () => {
  let cp: ControlPlaneHarness;
  let finance: string;
  let viewer: string;
  beforeAll(async () => {
    cp = await startControlPlane({ config: { seedProviderBaseUrl: SIM } });
    finance = (await cp.createUser('finance')).token;
    viewer = (await cp.createUser('viewer')).token;
  });
  afterAll(async () => {
    await cp?.close();
  });

  const live = async () => (await cp.request<PolicyVersionDetail>('GET', '/policies/live')).body;
  const versionCount = async () => (await cp.request<unknown[]>('GET', '/policies/versions')).body.length;
  const model = async (id: string) => (await cp.request<CatalogModel[]>('GET', '/models')).body.find((m) => m.id === id)!;

  it('seeds the providers (pointed at the configured base URL) and models on first start, with no key anywhere', async () => {
    const providers = await cp.request<Provider[]>('GET', '/providers');
    expect(providers.status).toBe(200);
    expect(providers.body.map((p) => p.name).sort()).toEqual(SEED_PROVIDERS.map((p) => p.name).sort());
    for (const p of providers.body) {
      expect(p.baseUrl).toBe(SIM);
      expect(Object.keys(p).sort()).toEqual(['apiKeyEnv', 'baseUrl', 'createdAt', 'id', 'name']);
    }
    expect(providers.body.find((p) => p.name === 'openai')?.apiKeyEnv).toBe('OPENAI_API_KEY');

    const models = await cp.request<CatalogModel[]>('GET', '/models');
    expect(models.body.map((m) => m.id).sort()).toEqual(SEED_MODELS.map((m) => m.id).sort());
    const gpt = models.body.find((m) => m.id === 'openai/gpt-4o')!;
    expect(gpt).toMatchObject({ provider: 'openai', upstreamModel: 'gpt-4o', kind: 'chat', contextWindow: 128_000, enabled: true });
    expect(gpt.price).toMatchObject({ input: '2.5', output: '10', cachedInput: '1.25' });
    expect(gpt.priceHistory).toEqual([gpt.price]);
    // No cached-input price in the seed → cached tokens cost the input price.
    expect(models.body.find((m) => m.id === 'Qwen/Qwen3-32B')!.price.cachedInput).toBe('0.3');
  });

  it('creates a provider from a base URL and a key variable name; refuses a key, a duplicate and bad fields', async () => {
    const created = await cp.request<Provider>('POST', '/providers', { name: 'mistral', baseUrl: 'https://api.mistral.ai/v1', apiKeyEnv: 'MISTRAL_API_KEY' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'mistral', baseUrl: 'https://api.mistral.ai/v1', apiKeyEnv: 'MISTRAL_API_KEY' });
    expect((await cp.request('POST', '/providers', { name: 'mistral', baseUrl: 'https://x.example/v1' })).status).toBe(409);

    const before = (await cp.request<Provider[]>('GET', '/providers')).body.length;
    const bad = await cp.request('POST', '/providers', { name: 'Bad Name', baseUrl: 'ftp://x', apiKeyEnv: 'lower', apiKey: 'sk-secret' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['(root)', 'apiKeyEnv', 'baseUrl', 'name']);
    expect(JSON.stringify(bad.body.issues)).toMatch(/apiKey/);
    expect((await cp.request<Provider[]>('GET', '/providers')).body.length).toBe(before);
  });

  it('creates a model with its first price, and republishes the live policy so proxies can serve it', async () => {
    const v0 = (await live()).version;
    const r = await cp.request<CatalogModel>('POST', '/models', {
      id: 'mistral/mistral-small',
      provider: 'mistral',
      contextWindow: 32_000,
      inputPrice: '0.20',
      outputPrice: '0.60',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: 'mistral/mistral-small', upstreamModel: 'mistral-small', kind: 'chat', enabled: true });
    expect(r.body.price).toMatchObject({ input: '0.2', output: '0.6', cachedInput: '0.2' });
    expect(r.body.priceHistory).toHaveLength(1);

    const after = await live();
    expect(after.version).toBe(v0 + 1);
    expect(after.message).toBe('catalog: added model mistral/mistral-small');
    expect(after.snapshot.models['mistral/mistral-small']).toMatchObject({ provider: 'mistral', prices: [{ input: '0.2', output: '0.6' }] });
    expect(after.snapshot.providers.mistral).toEqual({ name: 'mistral', baseUrl: 'https://api.mistral.ai/v1', apiKeyEnv: 'MISTRAL_API_KEY' });
  });

  it('refuses a model of an unknown provider (400 naming the field), a duplicate id (409) and bad fields, adding nothing', async () => {
    const before = (await cp.request<CatalogModel[]>('GET', '/models')).body.length;
    const versions = await versionCount();
    const unknown = await cp.request('POST', '/models', { id: 'x/y', provider: 'nobody', contextWindow: 1000, inputPrice: '1', outputPrice: '1' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues).toEqual([{ path: 'provider', message: expect.stringMatching(/no provider is named "nobody"/) }]);
    const dup = await cp.request('POST', '/models', { id: 'openai/gpt-4o', provider: 'openai', contextWindow: 1000, inputPrice: '1', outputPrice: '1' });
    expect(dup.status).toBe(409);
    const bad = await cp.request('POST', '/models', { id: 'has space', provider: 'openai', contextWindow: 0, inputPrice: '-1', outputPrice: 2.5 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['contextWindow', 'id', 'inputPrice', 'outputPrice']);
    expect((await cp.request<CatalogModel[]>('GET', '/models')).body.length).toBe(before);
    expect(await versionCount()).toBe(versions);
  });

  it('adds a price row on a price change (history kept), and republishes the live policy with the new prices', async () => {
    const before = await model('openai/gpt-4o');
    const v0 = (await live()).version;
    const r = await cp.request<CatalogModel>('PATCH', `/models/${enc('openai/gpt-4o')}`, { price: { input: '2.00', output: '8.00', cachedInput: '1.00' } });
    expect(r.status).toBe(200);
    expect(r.body.price).toMatchObject({ input: '2', output: '8', cachedInput: '1' });
    expect(r.body.priceHistory).toHaveLength(2);
    expect(r.body.priceHistory[0]).toEqual(before.priceHistory[0]);

    const after = await live();
    expect(after.version).toBe(v0 + 1);
    expect(after.message).toMatch(/^catalog: openai\/gpt-4o price 2 in \/ 8 out \/ 1 cached per 1M tokens from /);
    expect(after.snapshot.models['openai/gpt-4o'].prices).toEqual(r.body.priceHistory);
    expect(after.rolledBackFrom).toBeNull();
  });

  it('schedules a future price: in the history and the snapshot, not yet in force', async () => {
    const current = (await model('zai-org/GLM-4-Plus')).price;
    const from = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const r = await cp.request<CatalogModel>('PATCH', `/models/${enc('zai-org/GLM-4-Plus')}`, { price: { input: '0.1', output: '0.4', effectiveFrom: from } });
    expect(r.status).toBe(200);
    expect(r.body.price).toEqual(current);
    expect(r.body.priceHistory.at(-1)).toEqual({ input: '0.1', output: '0.4', cachedInput: '0.1', effectiveFrom: from });
    expect((await live()).snapshot.models['zai-org/GLM-4-Plus'].prices.at(-1)).toMatchObject({ effectiveFrom: from });

    // The same start again would rewrite history: refused, nothing added.
    const again = await cp.request('PATCH', `/models/${enc('zai-org/GLM-4-Plus')}`, { price: { input: '9', output: '9', effectiveFrom: from } });
    expect(again.status).toBe(409);
    expect((await model('zai-org/GLM-4-Plus')).priceHistory).toHaveLength(2);
  });

  it('refuses a backdated price: requests already served keep the price they had', async () => {
    const versions = await versionCount();
    const r = await cp.request('PATCH', `/models/${enc('openai/gpt-4o')}`, { price: { input: '1', output: '1', effectiveFrom: '2020-01-01T00:00:00Z' } });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([{ path: 'price.effectiveFrom', message: expect.stringMatching(/past/) }]);
    expect((await model('openai/gpt-4o')).priceHistory).toHaveLength(2);
    expect(await versionCount()).toBe(versions);
  });

  it('refuses to disable a model the live policy uses (409 naming the buckets) and changes nothing', async () => {
    const versions = await versionCount();
    const r = await cp.request('PATCH', `/models/${enc('openai/gpt-4o')}`, { enabled: false });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/bucket "standard" \(fallback\), bucket "critical" \(target\), baselineModel/);
    expect((await model('openai/gpt-4o')).enabled).toBe(true);
    expect(await versionCount()).toBe(versions);
  });

  it('disables and re-enables a model the policy does not use, republishing without and then with it', async () => {
    const id = 'Qwen/Qwen3-32B';
    const off = await cp.request<CatalogModel>('PATCH', `/models/${enc(id)}`, { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.enabled).toBe(false);
    const l1 = await live();
    expect(l1.message).toBe(`catalog: ${id} disabled`);
    expect(l1.snapshot.models[id]).toBeUndefined();
    expect(l1.snapshot.providers.together).toBeUndefined();

    // Disabled models cannot be published into a policy.
    const draft = await cp.request('POST', '/policies/drafts', {});
    const content = { ...draft.body.content, buckets: [...draft.body.content.buckets, { name: 'qwen', targets: [{ model: id, weight: 100 }] }] };
    const saved = await cp.request('PUT', `/policies/drafts/${draft.body.id}`, { content });
    expect(saved.body.validation.issues).toEqual([{ path: 'buckets.3.targets.0.model', message: `"${id}" is disabled in the catalog` }]);

    const on = await cp.request<CatalogModel>('PATCH', `/models/${enc(id)}`, { enabled: true, contextWindow: 40_000 });
    expect(on.body).toMatchObject({ enabled: true, contextWindow: 40_000 });
    const l2 = await live();
    expect(l2.version).toBe(l1.version + 1);
    expect(l2.snapshot.models[id]).toMatchObject({ contextWindow: 40_000 });
  });

  it('answers an unchanged PATCH without a new version, an unknown id with 404 and an empty body with 400', async () => {
    const versions = await versionCount();
    expect((await cp.request('PATCH', `/models/${enc('openai/gpt-4o')}`, { enabled: true })).status).toBe(200);
    expect(await versionCount()).toBe(versions);
    expect((await cp.request('PATCH', `/models/${enc('nobody/none')}`, { enabled: true })).status).toBe(404);
    const empty = await cp.request('PATCH', `/models/${enc('openai/gpt-4o')}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.issues[0].message).toMatch(/nothing to change/);
  });

  it('audits every catalog change', async () => {
    const audit = await cp.request<Array<{ action: string; target: string; actor: string }>>('GET', '/audit?limit=200');
    const actions = audit.body.map((a) => `${a.action} ${a.target ?? ''}`.trim());
    expect(actions).toEqual(
      expect.arrayContaining(['catalog.seed', 'provider.create mistral', 'model.create mistral/mistral-small', 'model.update openai/gpt-4o', 'model.update Qwen/Qwen3-32B']),
    );
    const update = audit.body.find((a) => a.action === 'model.update');
    expect(update?.actor).toBe(cp.adminEmail);
    expect(audit.body.filter((a) => a.action === 'policy.publish').length).toBeGreaterThanOrEqual(5);
  });

  it('lets finance and viewers read the catalog and nothing more; proxies and anonymous callers get nothing', async () => {
    for (const token of [finance, viewer]) {
      expect((await cp.request('GET', '/providers', undefined, token)).status).toBe(200);
      expect((await cp.request('GET', '/models', undefined, token)).status).toBe(200);
      expect((await cp.request('POST', '/providers', { name: 'p2', baseUrl: 'https://x.example/v1' }, token)).status).toBe(403);
      expect((await cp.request('POST', '/models', { id: 'a/b', provider: 'openai', contextWindow: 1, inputPrice: '1', outputPrice: '1' }, token)).status).toBe(403);
      expect((await cp.request('PATCH', `/models/${enc('openai/gpt-4o')}`, { enabled: false }, token)).status).toBe(403);
    }
    const reviewer = (await cp.createUser('reviewer')).token;
    expect((await cp.request('GET', '/models', undefined, reviewer)).status).toBe(403);
    expect((await cp.request('GET', '/models', undefined, cp.proxyToken)).status).toBe(403);
    expect((await cp.request('PATCH', `/models/${enc('openai/gpt-4o')}`, { enabled: false }, cp.proxyToken)).status).toBe(403);
    expect((await cp.request('GET', '/providers', undefined, null)).status).toBe(401);
    expect((await cp.request('POST', '/models', {}, null)).status).toBe(401);
  });
});
