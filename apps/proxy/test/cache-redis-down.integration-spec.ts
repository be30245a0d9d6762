import OpenAI from 'openai';
import { describeWithRedis, startRedisServer, type RedisServer } from '@switchyard/testing';
import { backendUp, chat, semanticEntries, startCacheReplicas, storeAttempts, storeSettled, until, type CacheReplicas } from './support/cache-replicas';

const ask = (text: string, extra: Record<string, unknown> = {}) => ({ model: 'bulk', messages: [{ role: 'user', content: text }], temperature: 0, ...extra });

describeWithRedis('proxy cache: Redis goes down and comes back', () => {
  // A Redis of this test's own (the shared one must not be stopped), without persistence: a restart comes back empty.
  let redis: RedisServer;
  let r: CacheReplicas;
  beforeAll(async () => {
    redis = await startRedisServer();
    r = await startCacheReplicas({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await r?.close();
    await redis?.close();
  });

  /** Asks on replica a, then on b once a's cache dealt with the answer. */
  async function askTwice(body: Record<string, unknown>) {
    const before = await storeAttempts(r.a);
    const first = await chat(r.a, r.keys.growth, body);
    await storeSettled(r.a, before);
    return [first, await chat(r.b, r.keys.growth, body)];
  }

  it('serves every request uncached while Redis is down, and caches again once it is back', async () => {
    const [m1, h1] = await askTwice(ask('What is the price of the Willow linen bedsheet set?'));
    expect([m1.cache, h1.cache]).toEqual(['miss', 'exact']);

    await redis.stop();
    await until(async () => !(await backendUp(r.a)) && !(await backendUp(r.b)), 'both replicas to see Redis gone');
    const client = new OpenAI({ baseURL: `${r.b.url}/v1`, apiKey: r.keys.growth.key, maxRetries: 0 });
    for (let i = 0; i < 3; i++) {
      // The cached answer cannot be read, a new one cannot be stored: all misses, no errors.
      const [a, b] = await askTwice(ask('What is the price of the Willow linen bedsheet set?'));
      expect([a.status, a.cache, b.status, b.cache]).toEqual([200, 'miss', 200, 'miss']);
      const [c, d] = await askTwice(ask(`Write a catchy slogan for the Granite cast-iron skillet, take ${i}.`));
      expect([c.status, c.cache, d.status, d.cache]).toEqual([200, 'miss', 200, 'miss']);
      const streamed = await client.chat.completions.create({ ...ask('Stream me a line about the Sierra yoga mat.'), stream: true } as OpenAI.ChatCompletionCreateParamsStreaming);
      let text = '';
      for await (const chunk of streamed) text += chunk.choices[0]?.delta.content ?? '';
      expect(text.length).toBeGreaterThan(0);
    }

    await redis.start();
    await until(async () => (await backendUp(r.a)) && (await backendUp(r.b)), 'both replicas to reconnect', 10_000);
    const [m2, h2] = await askTwice(ask('How long is the warranty on the Harbor espresso machine?'));
    expect([m2.cache, h2.cache]).toEqual(['miss', 'exact']);
    // The semantic feed follows the restarted Redis too: an entry written by a reaches b.
    const onB = await semanticEntries(r.b);
    const before = await storeAttempts(r.a);
    await chat(r.a, r.keys.growth, ask('Write a product description for the Nimbus Pro 14 laptop.'));
    await storeSettled(r.a, before);
    await until(async () => (await semanticEntries(r.b)) > onB, 'replica b to index the new entry');
    expect((await chat(r.b, r.keys.growth, ask('Please write a product description for the Nimbus Pro 14 laptop'))).cache).toBe('semantic');
  });
});
