import { SWITCHYARD_HEADERS } from '@switchyard/contracts';
import { eventually } from './support/eventually';
import { UPSTREAM } from './support/policies';
import { spooledEvents, startProxyFixture, type ProxyFixture } from './support/proxy-fixture';


describe('proxy: streaming relay', () => {
  let fx: ProxyFixture;
  beforeAll(async () => {
    fx = await startProxyFixture();
  });
  afterAll(async () => {
    await fx.close();
  });
  afterEach(() => {
    fx.sim.resetConfig();
    fx.sim.resetStats();
  });

  it('delivers the first chunk while the upstream is still generating (no buffering)', async () => {
    // 100 ms between tokens: wide enough that a busy CI machine cannot make a relayed
    // chunk look buffered, short enough to keep the test quick.
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { tokensPerSecond: 10, completionTokens: 12 } } });
    const stream = await fx.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'slowly' }], stream: true });
    const seenWhileUpstreamOpen: boolean[] = [];
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) seenWhileUpstreamOpen.push(fx.sim.stats().streams.completed === 0);
    }
    expect(seenWhileUpstreamOpen.length).toBeGreaterThan(5);
    // The first half of the content reached the client while the upstream was still
    // generating the rest: nothing waited for the end of the stream.
    expect(seenWhileUpstreamOpen.slice(0, Math.floor(seenWhileUpstreamOpen.length / 2)).every(Boolean)).toBe(true);
  });

  it('reports the stream cost as an SSE comment before [DONE] and as an HTTP trailer', async () => {
    const res = await fetch(`${fx.proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'bulk', stream: true, messages: [{ role: 'user', content: 'cost?' }] }),
    });
    expect(res.headers.get(SWITCHYARD_HEADERS.model)).toBe('deepseek-ai/DeepSeek-V4-Flash');
    expect(res.headers.get('trailer')).toBe(SWITCHYARD_HEADERS.costUsd);
    const text = await res.text();
    const m = /: x-switchyard-cost-usd: (\d+\.\d+)\n\ndata: \[DONE\]\n\n$/.exec(text);
    expect(m).not.toBeNull();
    const e = (await spooledEvents(fx)).at(-1)!;
    expect(e.costUsd).toBe(m![1]);
    expect(e.ttftMs).toEqual(expect.any(Number));
    // The usage-only chunk the proxy injected is not forwarded to a client that did not ask for it.
    expect(text).not.toMatch(/"choices":\[\],"usage":\{/);
  });

  it('aborts the upstream when the client disconnects, and bills what was generated', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { tokensPerSecond: 50, completionTokens: 500 } } });
    const ctl = new AbortController();
    const stream = await fx.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'long story' }], stream: true }, { signal: ctl.signal });
    let chunks = 0;
    await (async () => {
      for await (const c of stream) {
        if (c.choices[0]?.delta.content && ++chunks === 3) ctl.abort();
      }
    })().catch(() => undefined);
    await eventually(() => fx.sim.stats().streams.aborted === 1, 'the upstream stream to be aborted');
    expect(fx.sim.stats().streams.completed).toBe(0);
    await eventually(() => fx.sim.stats().inFlight === 0, 'the upstream request to end');
    let e: Record<string, unknown> | undefined;
    const end = Date.now() + 5000;
    while (Date.now() < end) {
      e = (await spooledEvents(fx)).at(-1);
      if (e?.status === 499) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(e).toMatchObject({ status: 499, errorType: 'client_disconnected', usageEstimated: true, stream: true });
    expect(e!.completionTokens).toBeGreaterThanOrEqual(3);
    expect(Number(e!.costUsd)).toBeGreaterThan(0);
  });
});
