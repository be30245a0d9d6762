import OpenAI from 'openai';
import { SWITCHYARD_HEADERS } from '@switchyard/contracts';
import { spooledEvents, startProxyFixture, type ProxyFixture } from './support/proxy-fixture';

describe('proxy: chat completions with the official openai client', () => {
  let fx: ProxyFixture;
  beforeAll(async () => {
    fx = await startProxyFixture();
  });
  afterAll(async () => {
    await fx.close();
  });

  it('answers a non-streaming chat through the bucket target, with routing and cost headers', async () => {
    const { data, response } = await fx.client.chat.completions
      .create({ model: 'bulk', messages: [{ role: 'user', content: 'Say hello to the proxy' }], temperature: 0.3, seed: 7 })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0].message.content).toEqual(expect.any(String));
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    // The upstream's answer passes through untouched: the model field is the provider's name.
    expect(data.model).toBe('DeepSeek-V4-Flash');
    expect(response.headers.get(SWITCHYARD_HEADERS.bucket)).toBe('bulk');
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('deepseek-ai/DeepSeek-V4-Flash');
    expect(response.headers.get(SWITCHYARD_HEADERS.cache)).toBe('miss');
    expect(response.headers.get(SWITCHYARD_HEADERS.policyVersion)).toBe('1');
    const u = data.usage!;
    // DeepSeek-V4-Flash: 0.27 in / 1.10 out per million tokens.
    const expected = (u.prompt_tokens * 0.27 + u.completion_tokens * 1.1) / 1e6;
    expect(Number(response.headers.get(SWITCHYARD_HEADERS.costUsd))).toBeCloseTo(expected, 12);
  });

  it('streams chunk by chunk and ends with [DONE]; the injected usage chunk is not shown to a client that did not ask', async () => {
    const stream = await fx.client.chat.completions.create({ model: 'standard', messages: [{ role: 'user', content: 'stream please' }], stream: true });
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.choices.length).toBeGreaterThan(0);
      text += chunk.choices[0].delta.content ?? '';
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text.length).toBeGreaterThan(0);
  });

  it('keeps the usage chunk for a client that asked for it', async () => {
    const stream = await fx.client.chat.completions.create({
      model: 'standard',
      messages: [{ role: 'user', content: 'stream with usage' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('records one usage event per request with exact cost and baseline', async () => {
    const before = (await spooledEvents(fx)).length;
    await fx.client.chat.completions.create({ model: 'critical', messages: [{ role: 'user', content: 'count me once' }] });
    const events = await spooledEvents(fx);
    expect(events.length).toBe(before + 1);
    const e = events[events.length - 1];
    expect(e).toMatchObject({ bucket: 'critical', servedModel: 'openai/gpt-4o', team: 'growth', status: 200, cache: 'miss', usageEstimated: false, attempts: 1 });
    // critical serves the baseline model: cost equals baseline cost.
    expect(e.costUsd).toBe(e.baselineCostUsd);
  });
});
