import OpenAI from 'openai';
import { describeWithRedis, requireRedisUrl } from '@switchyard/testing';
import { UPSTREAM } from './support/policies';
import { chat, contentOf, semanticEntries, startCacheReplicas, storeAttempts, storeSettled, until, upstreamCalls, usageEvents, type CacheReplicas } from './support/cache-replicas';

/** Asks replica a, and waits until its answer is stored and (when `shared`) indexed by replica b too. */
async function storedByA(r: CacheReplicas, body: Record<string, unknown>, shared = false, key = r.keys.growth) {
  const stores = await storeAttempts(r.a);
  const entries = await semanticEntries(r.b);
  const reply = await chat(r.a, key, body);
  await storeSettled(r.a, stores);
  if (shared) await until(async () => (await semanticEntries(r.b)) > entries, 'replica b to index the entry');
  return reply;
}

const ask = (text: string, extra: Record<string, unknown> = {}) => ({ model: 'bulk', messages: [{ role: 'user', content: text }], temperature: 0, ...extra });

describeWithRedis('proxy cache: shared by replicas through Redis', () => {
  let r: CacheReplicas;
  beforeAll(async () => {
    r = await startCacheReplicas({ redisUrl: requireRedisUrl() });
  });
  afterAll(async () => {
    await r.close();
  });

  it('serves an exact hit on another replica with the same content, at no cost, and accounts the saving', async () => {
    const body = ask('Write a product description for the Harbor espresso machine.');
    const first = await storedByA(r, body);
    expect([first.status, first.cache]).toEqual([200, 'miss']);
    const calls = upstreamCalls(r.sim, UPSTREAM.flash);
    const again = await chat(r.b, r.keys.growth, body);
    expect([again.status, again.cache]).toEqual([200, 'exact']);
    expect(again.text).toBe(first.text);
    expect(again.cost).toBe('0.00');
    expect(again.model).toBe('deepseek-ai/DeepSeek-V4-Flash');
    expect(upstreamCalls(r.sim, UPSTREAM.flash)).toBe(calls);

    const events = await usageEvents(r.b);
    const hit = events.find((e) => e.cache === 'exact')!;
    const miss = (await usageEvents(r.a)).find((e) => e.cache === 'miss' && e.servedModel === 'deepseek-ai/DeepSeek-V4-Flash')!;
    expect(hit).toMatchObject({ costUsd: '0.00', status: 200, attempts: 0, servedModel: 'deepseek-ai/DeepSeek-V4-Flash', promptTokens: miss.promptTokens, completionTokens: miss.completionTokens });
    // What the hit would have cost is what the miss did cost.
    expect(hit.cacheSavedUsd).toBe(miss.costUsd);
    expect(Number(hit.cacheSavedUsd)).toBeGreaterThan(0);
    const metrics = await (await fetch(`${r.b.url}/metrics`)).text();
    expect(metrics).toMatch(/^switchyard_proxy_cache_total\{bucket="bulk",outcome="exact"\} [1-9]/m);
    expect(metrics).toMatch(/^switchyard_proxy_cache_backend_up 1$/m);
  });

  it('serves a semantic hit for a template variation on another replica, and none for another product', async () => {
    const original = await storedByA(r, ask('Write a catchy slogan for the Falcon electric toothbrush.'), true);
    expect(original.cache).toBe('miss');
    const variation = await chat(r.b, r.keys.growth, ask('Please come up with a catchy slogan for the Falcon electric toothbrush'));
    expect(variation.cache).toBe('semantic');
    expect(contentOf(variation)).toEqual(contentOf(original));
    expect((await usageEvents(r.b)).filter((e) => e.cache === 'semantic').at(-1)).toMatchObject({ costUsd: '0.00', bucket: 'bulk' });

    const other = await chat(r.b, r.keys.growth, ask('Write a catchy slogan for the Granite cast-iron skillet.'));
    expect(other.cache).toBe('miss');
    expect(contentOf(other)).not.toEqual(contentOf(original));
    const sibling = await chat(r.a, r.keys.growth, ask('Write a catchy slogan for the Falcon electric toothbrush 2.'));
    expect(sibling.cache).toBe('miss');
  });

  it('lets a replica started later find entries written before it started', async () => {
    await storedByA(r, ask('Summarize the customer reviews of the Quartz robot vacuum.'));
    await storedByA(r, ask('List the key features of the Beacon video doorbell.'));
    const stored = await semanticEntries(r.a);
    expect(stored).toBeGreaterThanOrEqual(2);
    const c = await r.startReplica('c');
    // It loads in the background; asking before would store the question as a new entry.
    await until(async () => (await semanticEntries(c)) >= stored, 'replica c to load the stored entries');
    expect((await chat(c, r.keys.growth, ask('Please summarize the customer reviews for the Quartz robot vacuum'))).cache).toBe('semantic');
    expect((await chat(c, r.keys.growth, ask('Please list the key features of the Beacon video doorbell'))).cache).toBe('semantic');
  });

  it('replays a streamed answer with the content of the original, as a stream and as JSON', async () => {
    const client = new OpenAI({ baseURL: `${r.a.url}/v1`, apiKey: r.keys.growth.key, maxRetries: 0 });
    const body = { model: 'bulk', messages: [{ role: 'user' as const, content: 'Write two sentences about the Cedar standing desk.' }], temperature: 0, n: 2 };
    const collect = async (c: OpenAI) => {
      const { data: stream, response } = await c.chat.completions.create({ ...body, stream: true }).withResponse();
      const texts: string[] = [];
      let finish: string | null = null;
      for await (const chunk of stream) {
        for (const ch of chunk.choices) {
          texts[ch.index] = (texts[ch.index] ?? '') + (ch.delta.content ?? '');
          finish = ch.finish_reason ?? finish;
        }
      }
      return { texts, finish, cache: response.headers.get('x-switchyard-cache') };
    };
    const stores = await storeAttempts(r.a);
    const original = await collect(client);
    expect(original.cache).toBe('miss');
    await storeSettled(r.a, stores);
    expect(original.texts.every((t) => t.length > 0)).toBe(true);
    const onB = new OpenAI({ baseURL: `${r.b.url}/v1`, apiKey: r.keys.growth.key, maxRetries: 0 });
    const replay = await collect(onB);
    expect(replay.cache).toBe('exact');
    expect(replay.texts).toEqual(original.texts);
    expect(replay.finish).toBe('stop');
    const asJson = await chat(r.b, r.keys.growth, body);
    expect(asJson.cache).toBe('exact');
    expect(contentOf(asJson)).toEqual(original.texts);
    // The SSE replay is well formed: every event a data line, ending with [DONE].
    const raw = await chat(r.a, r.keys.growth, { ...body, stream: true, stream_options: { include_usage: true } });
    expect(raw.cache).toBe('exact');
    expect(raw.text).toMatch(/"usage":\{"prompt_tokens":\d+/);
    expect(raw.text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('keeps teams and models apart', async () => {
    const body = ask('What is the warranty period for the Atlas hiking boots?');
    await storedByA(r, body);
    expect((await chat(r.a, r.keys.growth, body)).cache).toBe('exact');
    // Neither an exact nor a semantic hit (the same text would be both) crosses teams.
    expect((await chat(r.b, r.keys.support, body)).cache).toBe('miss');
    // Same messages to another model: its own entry.
    const glm = { ...body, model: 'zai-org/GLM-4-Plus' };
    expect((await storedByA(r, glm)).cache).toBe('miss');
    expect((await chat(r.b, r.keys.growth, glm)).cache).toBe('exact');
  });

  it('expires exact and semantic entries after the bucket TTL on every replica', async () => {
    // Bucket "brief" keeps answers for 2 s.
    const brief = (text: string) => ({ ...ask(text), model: 'brief' });
    await storedByA(r, brief('How do I clean the Drift memory-foam pillow?'));
    await storedByA(r, brief('What is the shipping time for the Sierra yoga mat?'), true);
    expect((await chat(r.b, r.keys.growth, brief('How do I clean the Drift memory-foam pillow?'))).cache).toBe('exact');
    expect((await chat(r.b, r.keys.growth, brief('Please, what is the shipping time for the Sierra yoga mat'))).cache).toBe('semantic');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    // The first request after expiry of each: nothing served, stored anew.
    expect((await chat(r.b, r.keys.growth, brief('How do I clean the Drift memory-foam pillow?'))).cache).toBe('miss');
    expect((await chat(r.a, r.keys.growth, brief('Please, what is the shipping time for the Sierra yoga mat'))).cache).toBe('miss');
  });
});
