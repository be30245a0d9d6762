import OpenAI from 'openai';
import { describeWithRedis, requireRedisUrl } from '@switchyard/testing';
import { UPSTREAM } from './support/policies';
import { chat, startCacheReplicas, storeAttempts, storeSettled, until, upstreamCalls, usageEvents, type CacheReplicas } from './support/cache-replicas';

const ask = (model: string, text: string, extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: 'user', content: text }], temperature: 0, ...extra });
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Asks twice (the second time after the store had time to land) and returns both outcomes and the upstream calls made. */
async function twice(r: CacheReplicas, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const before = upstreamCalls(r.sim, UPSTREAM.flash);
  const stores = await storeAttempts(r.a);
  const first = await chat(r.a, r.keys.growth, body, headers);
  await storeSettled(r.a, stores);
  const second = await chat(r.b, r.keys.growth, body, headers);
  return { first, second, calls: upstreamCalls(r.sim, UPSTREAM.flash) - before };
}

describeWithRedis('proxy cache: what is never cached', () => {
  let r: CacheReplicas;
  beforeAll(async () => {
    r = await startCacheReplicas({ redisUrl: requireRedisUrl() });
  });
  afterAll(async () => {
    await r.close();
  });
  afterEach(() => {
    r.sim.resetConfig();
  });

  it('does not cache a stream the upstream cut: the next identical request is a miss', async () => {
    r.sim.setConfig({ models: { [UPSTREAM.flash]: { cutAfterChunks: 3 } } });
    const body = ask('solo', 'Tell me a long story about the Voyager 40L backpack.', { stream: true });
    const cut = await chat(r.a, r.keys.growth, body);
    expect(cut.cache).toBe('miss');
    expect(cut.text).toMatch(/broke off/);
    r.sim.resetConfig();
    await settle();
    const { first, second } = await twice(r, body);
    expect(first.cache).toBe('miss');
    expect(first.text).toMatch(/data: \[DONE\]/);
    expect(second.cache).toBe('exact');
  });

  it('does not cache a stream the client left: the next identical request is a miss', async () => {
    r.sim.setConfig({ models: { [UPSTREAM.flash]: { tokensPerSecond: 50, completionTokens: 200 } } });
    const client = new OpenAI({ baseURL: `${r.a.url}/v1`, apiKey: r.keys.growth.key, maxRetries: 0 });
    const body = ask('solo', 'Describe every feature of the Tidal 2TB portable SSD.');
    const ctl = new AbortController();
    const stream = await client.chat.completions.create({ ...(body as OpenAI.ChatCompletionCreateParamsNonStreaming), stream: true }, { signal: ctl.signal });
    let chunks = 0;
    await (async () => {
      for await (const c of stream) if (c.choices[0]?.delta.content && ++chunks === 3) ctl.abort();
    })().catch(() => undefined);
    await until(() => r.sim.stats().inFlight === 0, 'the upstream request to end');
    r.sim.resetConfig();
    await settle();
    expect((await chat(r.b, r.keys.growth, { ...body, stream: true })).cache).toBe('miss');
  });

  it('does not cache an upstream error of any status: a 429 is not replayed', async () => {
    for (const status of [429, 500, 400]) {
      r.sim.setConfig({ models: { [UPSTREAM.flash]: { status } } });
      const body = ask('solo', `What is the return policy for the Mosaic ceramic dinner plates? (${status})`);
      const failed = await chat(r.a, r.keys.growth, body);
      expect(failed.status).toBe(status === 400 ? 400 : 502);
      await settle();
      expect((await chat(r.b, r.keys.growth, body)).status).toBe(status === 400 ? 400 : 502);
      r.sim.resetConfig();
      const { first, second, calls } = await twice(r, body);
      expect([first.status, first.cache]).toEqual([200, 'miss']);
      expect(second.cache).toBe('exact');
      expect(calls).toBe(1);
    }
  });

  it('honours x-switchyard-cache: bypass — not read, not written', async () => {
    const body = ask('bulk', 'Write a launch email announcing the Ember 8-quart slow cooker to our newsletter subscribers.');
    const bypassed = await twice(r, body, { 'x-switchyard-cache': 'bypass' });
    expect([bypassed.first.cache, bypassed.second.cache, bypassed.calls]).toEqual(['bypass', 'bypass', 2]);
    const stores = await storeAttempts(r.a);
    expect((await chat(r.a, r.keys.growth, body)).cache).toBe('miss');
    await storeSettled(r.a, stores);
    expect((await chat(r.b, r.keys.growth, body)).cache).toBe('exact');
    expect((await chat(r.b, r.keys.growth, body, { 'x-switchyard-cache': 'bypass' })).cache).toBe('bypass');
    expect((await usageEvents(r.b)).at(-1)).toMatchObject({ cache: 'bypass', cacheSavedUsd: '0.00' });
  });

  it('does not cache above the bucket\'s maximum temperature', async () => {
    // Bucket "cool" caches up to temperature 0.5; a request without one has OpenAI's default, 1.
    const hot = await twice(r, ask('cool', 'Write a catchy slogan for the Lumen 60W desk lamp.', { temperature: 0.9 }));
    expect([hot.first.cache, hot.second.cache, hot.calls]).toEqual(['bypass', 'bypass', 2]);
    const unset = await twice(r, { model: 'cool', messages: [{ role: 'user', content: 'Write a catchy slogan for the Lumen 40W desk lamp.' }] });
    expect([unset.first.cache, unset.second.cache]).toEqual(['bypass', 'bypass']);
    const cool = await twice(r, ask('cool', 'Write a catchy slogan for the Lumen 60W desk lamp.', { temperature: 0.2 }));
    expect([cool.first.cache, cool.second.cache, cool.calls]).toEqual(['miss', 'exact', 1]);
  });

  it('caches tool calls only in a bucket that allows them, and replays them intact', async () => {
    const tools = [{ type: 'function', function: { name: 'lookup_order', parameters: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } } }];
    const withTools = (bucket: string) => ask(bucket, 'Look up order 42', { tools, tool_choice: 'required' });
    const denied = await twice(r, withTools('bulk'));
    expect(denied.first.text).toMatch(/"tool_calls"/);
    expect([denied.first.cache, denied.second.cache, denied.calls]).toEqual(['miss', 'miss', 2]);

    const allowed = await twice(r, withTools('tools'));
    expect([allowed.first.cache, allowed.second.cache, allowed.calls]).toEqual(['miss', 'exact', 1]);
    expect(allowed.second.text).toBe(allowed.first.text);
    const client = new OpenAI({ baseURL: `${r.a.url}/v1`, apiKey: r.keys.growth.key, maxRetries: 0 });
    const stream = await client.chat.completions.create({ ...(withTools('tools') as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming), stream: true });
    let args = '';
    let name = '';
    for await (const c of stream) {
      const t = c.choices[0]?.delta.tool_calls?.[0];
      if (t?.function?.name) name = t.function.name;
      if (t?.function?.arguments) args += t.function.arguments;
    }
    const original = (JSON.parse(allowed.first.text) as { choices: Array<{ message: { tool_calls: Array<{ function: { name: string; arguments: string } }> } }> }).choices[0].message.tool_calls[0].function;
    expect({ name, arguments: args }).toEqual(original);
  });
});
