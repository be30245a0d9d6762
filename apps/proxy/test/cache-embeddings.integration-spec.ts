import { describeWithRedis, requireRedisUrl } from '@switchyard/testing';
import { seedPolicyWith } from './support/policies';
import { CACHE_TEST_BUCKETS, chat, semanticEntries, startCacheReplicas, storeAttempts, storeSettled, until, usageEvents, type CacheReplicas } from './support/cache-replicas';

const EMBEDDINGS = 'openai/text-embedding-3-small';
const ask = (text: string) => ({ model: 'bulk', messages: [{ role: 'user', content: text }], temperature: 0 });
const embeddingCalls = (r: CacheReplicas) => Object.entries(r.sim.stats().requests.byPath).reduce((n, [path, c]) => (path.endsWith('/embeddings') ? n + c : n), 0);

describeWithRedis('proxy cache: semantic lookups through the policy\'s embeddings model', () => {
  let r: CacheReplicas;
  beforeAll(async () => {
    r = await startCacheReplicas({ redisUrl: requireRedisUrl(), policy: { ...seedPolicyWith({}, CACHE_TEST_BUCKETS), embeddingModel: EMBEDDINGS } });
  });
  afterAll(async () => {
    await r.close();
  });

  it('embeds through the provider after an exact miss, bills the call in its own usage event, and finds the entry on another replica', async () => {
    const calls = embeddingCalls(r);
    const stores = await storeAttempts(r.a);
    const entries = await semanticEntries(r.b);
    expect((await chat(r.a, r.keys.growth, ask('Write a catchy slogan for the Orion S4 smartwatch.'))).cache).toBe('miss');
    expect(embeddingCalls(r)).toBe(calls + 1);
    await storeSettled(r.a, stores);
    await until(async () => (await semanticEntries(r.b)) > entries, 'replica b to index the entry');

    const billed = (await usageEvents(r.a)).find((e) => e.endpoint === 'embeddings')!;
    expect(billed).toMatchObject({ requestedModel: EMBEDDINGS, servedModel: EMBEDDINGS, bucket: 'bulk', team: 'growth', cache: 'bypass', status: 200, usageEstimated: false });
    expect(Number(billed.costUsd)).toBeGreaterThan(0);

    // The simulated provider's vectors match texts with the same words: a case and punctuation variation.
    const hit = await chat(r.b, r.keys.growth, ask('write a catchy slogan for the orion s4 smartwatch'));
    expect(hit.cache).toBe('semantic');
    expect(embeddingCalls(r)).toBe(calls + 2);
    expect((await usageEvents(r.b)).filter((e) => e.endpoint === 'embeddings')).toHaveLength(1);

    // An exact hit needs no embedding.
    expect((await chat(r.b, r.keys.growth, ask('Write a catchy slogan for the Orion S4 smartwatch.'))).cache).toBe('exact');
    expect(embeddingCalls(r)).toBe(calls + 2);
  });

  it('goes on without the semantic lookup when the embeddings call fails', async () => {
    r.sim.setConfig({ models: { 'text-embedding-3-small': { status: 503 } } });
    try {
      const reply = await chat(r.a, r.keys.growth, ask('Write a catchy slogan for the Pulse H9 wireless earbuds.'));
      expect([reply.status, reply.cache]).toEqual([200, 'miss']);
      const failed = (await usageEvents(r.a)).filter((e) => e.endpoint === 'embeddings').at(-1);
      expect(failed).toMatchObject({ status: 503, errorType: 'upstream_503', costUsd: '0.00', servedModel: null });
    } finally {
      r.sim.resetConfig();
    }
  });
});
