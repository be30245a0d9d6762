import OpenAI from 'openai';
import { startProviderSim, type ProviderSim } from './server';

const USER = [{ role: 'user' as const, content: 'hello' }];

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (err: unknown) => err,
  );
}

describe('provider-sim faults', () => {
  let sim: ProviderSim;
  let client: OpenAI;

  beforeAll(async () => {
    sim = await startProviderSim({ port: 0 });
    client = new OpenAI({ baseURL: sim.url, apiKey: 'sk-test', maxRetries: 0, timeout: 3000 });
  });
  afterEach(() => {
    sim.resetConfig();
    sim.resetStats();
  });
  afterAll(() => sim.close());

  it('rate429 → 429 with retry-after and an OpenAI error body', async () => {
    sim.setConfig({ rate429: 1, retryAfterSeconds: 7 });
    const err = await failure(client.chat.completions.create({ model: 'gpt-4o', messages: USER }));
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.headers?.get('retry-after')).toBe('7');
    expect(e.code).toBe('rate_limit_exceeded');
    expect(sim.stats().faults.rate429).toBe(1);
  });

  it('errorRate → 500 server_error', async () => {
    sim.setConfig({ errorRate: 1 });
    const err = await failure(client.chat.completions.create({ model: 'gpt-4o', messages: USER }));
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect((err as InstanceType<typeof OpenAI.InternalServerError>).type).toBe('server_error');
  });

  it('status forces a status code with an OpenAI error body', async () => {
    sim.setConfig({ status: 503 });
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: USER })).rejects.toMatchObject({ status: 503, type: 'server_error' });
    sim.setConfig({ status: 401 });
    await expect(client.embeddings.create({ model: 'e', input: 'x' })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('hang → the client times out; the request stays in flight until it leaves', async () => {
    sim.setConfig({ hang: true });
    const short = new OpenAI({ baseURL: sim.url, apiKey: 'sk-test', maxRetries: 0, timeout: 150 });
    // A timeout (APIConnectionTimeoutError extends APIConnectionError; under Jest's realm the abort surfaces as the base class).
    await expect(short.chat.completions.create({ model: 'gpt-4o', messages: USER })).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    await waitFor(() => sim.stats().inFlight === 0);
    expect(sim.stats().requests.aborted).toBe(1);
  });

  it('cutAfterChunks → the streaming client sees an error after N chunks', async () => {
    sim.setConfig({ cutAfterChunks: 3 });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, stream: true });
    let seen = 0;
    const err = await failure(
      (async () => {
        for await (const _chunk of stream) seen++;
      })(),
    );
    expect(err).toHaveProperty('message');
    expect(seen).toBe(3);
    await waitFor(() => sim.stats().streams.cut === 1);
    expect(sim.stats().streams.aborted).toBe(0);
  });

  it('hangAfterChunks → the stream stalls with the socket open after N chunks', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, stream: true }, { headers: { 'x-sim-hang-after-chunks': '2' } });
    const it = stream[Symbol.asyncIterator]();
    await it.next();
    await it.next();
    const third = it.next().then(() => 'chunk');
    const stalled = new Promise((r) => setTimeout(() => r('stalled'), 100));
    expect(await Promise.race([third, stalled])).toBe('stalled');
    expect(sim.stats().inFlight).toBe(1);
    stream.controller.abort();
    await third.catch(() => undefined);
    await waitFor(() => sim.stats().streams.aborted === 1);
  });

  it('cutAfterChunks on a non-streamed answer cuts the body mid-way', async () => {
    sim.setConfig({ cutAfterChunks: 0 });
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: USER })).rejects.toHaveProperty('message');
  });

  it('garbage → 200 with a non-JSON body (non-stream and stream)', async () => {
    sim.setConfig({ garbage: true });
    const raw = await fetch(`${sim.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: USER }) });
    expect(raw.status).toBe(200);
    const text = await raw.text();
    expect(() => JSON.parse(text)).toThrow();
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: USER })).rejects.toHaveProperty('message');
    // The client logs the unparsable chunk before throwing; keep the test output clean.
    const quiet = new OpenAI({ baseURL: sim.url, apiKey: 'sk-test', maxRetries: 0, timeout: 3000, logLevel: 'off' });
    const stream = await quiet.chat.completions.create({ model: 'gpt-4o', messages: USER, stream: true });
    await expect(
      (async () => {
        for await (const _chunk of stream);
      })(),
    ).rejects.toHaveProperty('message');
  });

  it('truncatedJson → 200 with the first half of a JSON body', async () => {
    sim.setConfig({ truncatedJson: true });
    const raw = await fetch(`${sim.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: USER }) });
    expect(raw.status).toBe(200);
    const text = await raw.text();
    expect(text.startsWith('{"id":"chatcmpl-')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    const stream = await fetch(`${sim.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'gpt-4o', messages: USER, stream: true }) });
    const streamed = await stream.text();
    expect(streamed.startsWith('data: {')).toBe(true);
    expect(streamed).not.toContain('[DONE]');
  });

  it('omitUsage → no usage, even when a stream asks for it', async () => {
    sim.setConfig({ omitUsage: true });
    const res = await client.chat.completions.create({ model: 'gpt-4o', messages: USER });
    expect(res.usage).toBeUndefined();
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, stream: true, stream_options: { include_usage: true } });
    for await (const chunk of stream) expect(chunk.usage ?? null).toBeNull();
    const emb = await client.embeddings.create({ model: 'e', input: 'x', encoding_format: 'float' });
    expect(emb.usage).toBeUndefined();
  });

  it('x-sim-* headers override one request only', async () => {
    const err = await failure(client.chat.completions.create({ model: 'gpt-4o', messages: USER }, { headers: { 'x-sim-status': '418' } }));
    expect((err as { status: number }).status).toBe(418);
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: USER })).resolves.toMatchObject({ object: 'chat.completion' });
    // Camel-case names work too, and a header can switch a global fault off.
    sim.setConfig({ errorRate: 1 });
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: USER }, { headers: { 'x-sim-errorRate': '0' } })).resolves.toMatchObject({
      object: 'chat.completion',
    });
  });

  it('a bad x-sim-* header is a 400 naming it', async () => {
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: USER }, { headers: { 'x-sim-error-rate': '2' } })).rejects.toMatchObject({
      status: 400,
      param: 'x-sim-error-rate',
    });
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: USER }, { headers: { 'x-sim-bogus': '1' } })).rejects.toMatchObject({ status: 400 });
  });

  it('per-model overrides make one model fail while its fallback succeeds', async () => {
    sim.setConfig({ models: { 'primary-model': { errorRate: 1 } } });
    await expect(client.chat.completions.create({ model: 'primary-model', messages: USER })).rejects.toMatchObject({ status: 500 });
    await expect(client.chat.completions.create({ model: 'fallback-model', messages: USER })).resolves.toMatchObject({ model: 'fallback-model' });
    sim.setConfig({ models: { 'primary-model': null } });
    await expect(client.chat.completions.create({ model: 'primary-model', messages: USER })).resolves.toMatchObject({ model: 'primary-model' });
  });

  it('fault decisions are reproducible from the seed', async () => {
    const outcomes = async (): Promise<string> => {
      let s = '';
      for (let i = 0; i < 12; i++) {
        s += await client.chat.completions.create({ model: 'gpt-4o', messages: USER }).then(
          () => '.',
          (e: { status: number }) => (e.status === 429 ? 'R' : 'E'),
        );
      }
      return s;
    };
    sim.setConfig({ seed: 1234, errorRate: 0.3, rate429: 0.3 });
    const first = await outcomes();
    sim.setConfig({ seed: 1234 });
    expect(await outcomes()).toBe(first);
    expect(first).toMatch(/\./);
    expect(first).toMatch(/[RE]/);
  });

  it('ttftMs and tokensPerSecond delay the answer (ordering only, no wall-clock bounds)', async () => {
    sim.setConfig({ ttftMs: 200, tokensPerSecond: 500, completionTokens: 10 });
    const slow = client.chat.completions.create({ model: 'gpt-4o', messages: USER }).then(() => 'slow');
    const fast = client.chat.completions.create({ model: 'gpt-4o', messages: USER }, { headers: { 'x-sim-ttft-ms': '0', 'x-sim-tokens-per-second': '0' } }).then(() => 'fast');
    expect(await Promise.race([slow, fast])).toBe('fast');
    expect(await slow).toBe('slow');
  });
});

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
