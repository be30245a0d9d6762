import OpenAI from 'openai';
import { startProviderSim, type ProviderSim } from './server';

const USER = [{ role: 'user' as const, content: 'count me' }];

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('provider-sim stats and control endpoints', () => {
  let sim: ProviderSim;
  let client: OpenAI;

  beforeAll(async () => {
    sim = await startProviderSim({ port: 0 });
    client = new OpenAI({ baseURL: sim.url, apiKey: 'sk-test', maxRetries: 0, timeout: 5000 });
  });
  afterEach(() => {
    sim.resetConfig();
    sim.resetStats();
  });
  afterAll(() => sim.close());

  it('counts requests by path, model and status, and completed streams', async () => {
    await client.chat.completions.create({ model: 'a', messages: USER });
    await client.chat.completions.create({ model: 'b', messages: USER });
    const stream = await client.chat.completions.create({ model: 'b', messages: USER, stream: true });
    for await (const _chunk of stream);
    await client.embeddings.create({ model: 'e', input: 'x' });
    await client.models.list();
    await expect(client.chat.completions.create({ model: 'a' } as never)).rejects.toMatchObject({ status: 400 });
    await waitFor(() => sim.stats().inFlight === 0);
    const stats = sim.stats();
    expect(stats.requests.total).toBe(6);
    expect(stats.requests.byPath).toEqual({ '/v1/chat/completions': 4, '/v1/embeddings': 1, '/v1/models': 1 });
    expect(stats.requests.byModel).toEqual({ a: 1, b: 2, e: 1 });
    expect(stats.requests.byStatus).toEqual({ '200': 5, '400': 1 });
    expect(stats.streams).toEqual({ started: 1, completed: 1, aborted: 0, cut: 0 });
  });

  it('a client disconnect mid-stream stops generation and counts as aborted', async () => {
    sim.setConfig({ tokensPerSecond: 40, completionTokens: 400 });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, stream: true });
    let seen = 0;
    for await (const _chunk of stream) {
      if (++seen === 2) break; // leaving the loop aborts the request
    }
    await waitFor(() => sim.stats().streams.aborted === 1);
    const stats = sim.stats();
    expect(stats.inFlight).toBe(0);
    expect(stats.streams).toMatchObject({ started: 1, completed: 0, aborted: 1 });
    expect(stats.requests.aborted).toBe(1);
  });

  it('reports in-flight requests while they are open', async () => {
    sim.setConfig({ ttftMs: 300 });
    const pending = client.chat.completions.create({ model: 'gpt-4o', messages: USER });
    await waitFor(() => sim.stats().inFlight === 1);
    await pending;
    await waitFor(() => sim.stats().inFlight === 0);
  });

  it('serves stats and config over HTTP: GET, POST merges, DELETE resets, bad values 400', async () => {
    const base = sim.url.replace(/\/v1$/, '');
    const post = (path: string, body: unknown) => fetch(base + path, { method: 'POST', body: JSON.stringify(body) });

    let res = await post('/__sim/config', { errorRate: 0.5, models: { x: { status: 503 } } });
    expect(res.status).toBe(200);
    res = await post('/__sim/config', { ttftMs: 5, models: { x: { hang: false } } });
    const merged = await res.json();
    expect(merged).toMatchObject({ errorRate: 0.5, ttftMs: 5, models: { x: { status: 503, hang: false } } });
    expect(sim.config().errorRate).toBe(0.5);

    res = await post('/__sim/config', { errorRate: 3 });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ param: 'errorRate', type: 'invalid_request_error' });
    res = await post('/__sim/config', { nonsense: true });
    expect(res.status).toBe(400);

    res = await fetch(`${base}/__sim/config`, { method: 'DELETE' });
    expect(await res.json()).toMatchObject({ errorRate: 0, ttftMs: 0, models: {} });

    await client.chat.completions.create({ model: 'gpt-4o', messages: USER });
    res = await fetch(`${base}/__sim/stats`);
    expect((await res.json()).requests.total).toBe(1);
    res = await post('/__sim/stats/reset', {});
    expect((await res.json()).requests.total).toBe(0);
    // Control calls are not counted as traffic.
    expect(sim.stats().requests.total).toBe(0);
  });

  it('requires the configured API key when one is set', async () => {
    sim.setConfig({ apiKey: 'sk-right' });
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: USER })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const right = new OpenAI({ baseURL: sim.url, apiKey: 'sk-right', maxRetries: 0 });
    await expect(right.chat.completions.create({ model: 'gpt-4o', messages: USER })).resolves.toMatchObject({ object: 'chat.completion' });
  });

  it('rejects bad start-up options naming the field', async () => {
    await expect(startProviderSim({ port: 0, errorRate: 2 })).rejects.toThrow(/errorRate/);
  });
});
