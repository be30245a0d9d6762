import { SWITCHYARD_HEADERS } from '@switchyard/contracts';
import { UPSTREAM } from './support/policies';
import { spooledEvents, startProxyFixture, type ProxyFixture } from './support/proxy-fixture';

describe('proxy: fields pass through both ways; embeddings, models, metrics', () => {
  let fx: ProxyFixture;
  beforeAll(async () => {
    fx = await startProxyFixture({ keys: { support: ['support', 'critical'] } });
  });
  afterAll(async () => {
    await fx.close();
  });

  it('passes tools and tool_choice through and returns the tool call untouched', async () => {
    const completion = await fx.client.chat.completions.create({
      model: 'bulk',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } }, required: ['city', 'unit'] },
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const call = completion.choices[0].message.tool_calls?.[0];
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    const args = JSON.parse(call.function.arguments) as { city: unknown; unit: unknown };
    expect(typeof args.city).toBe('string');
    expect(['c', 'f']).toContain(args.unit);
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
  });

  it('streams tool-call deltas through', async () => {
    const stream = await fx.client.chat.completions.create({
      model: 'bulk',
      messages: [{ role: 'user', content: 'call it' }],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } } }],
      tool_choice: 'required',
      stream: true,
    });
    let args = '';
    let name = '';
    for await (const c of stream) {
      const t = c.choices[0]?.delta.tool_calls?.[0];
      if (t?.function?.name) name = t.function.name;
      if (t?.function?.arguments) args += t.function.arguments;
    }
    expect(name).toBe('lookup');
    expect(Number.isInteger((JSON.parse(args) as { id: number }).id)).toBe(true);
  });

  it('passes n, logprobs, response_format and seed through (the upstream honours them)', async () => {
    const c = await fx.client.chat.completions.create({
      model: 'bulk',
      messages: [{ role: 'user', content: 'two answers as JSON' }],
      n: 2,
      logprobs: true,
      top_logprobs: 2,
      seed: 11,
      response_format: { type: 'json_object' },
    });
    expect(c.choices).toHaveLength(2);
    expect(c.choices[0].logprobs?.content?.length).toBeGreaterThan(0);
    expect(() => JSON.parse(c.choices[0].message.content ?? '')).not.toThrow();
    // Fields of the answer the proxy does not use are there as the upstream sent them.
    expect(c.system_fingerprint).toBe('fp_sim');
    const again = await fx.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'two answers as JSON' }], n: 2, seed: 11, response_format: { type: 'json_object' } });
    expect(again.choices[0].message.content).toBe(c.choices[0].message.content);
  });

  it('routes by the key default bucket and by a generic alias', async () => {
    const support = fx.clientFor(fx.keys.support.key);
    const { response } = await support.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
    expect(response.headers.get(SWITCHYARD_HEADERS.bucket)).toBe('critical');
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('openai/gpt-4o');
    const viaHeader = await fx.client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }, { headers: { [SWITCHYARD_HEADERS.requestBucket]: 'bulk' } })
      .withResponse();
    expect(viaHeader.response.headers.get(SWITCHYARD_HEADERS.bucket)).toBe('bulk');
  });

  it('serves embeddings through the catalog embeddings model, priced at its input price', async () => {
    const { data, response } = await fx.client.embeddings.create({ model: 'openai/text-embedding-3-small', input: ['first text', 'second text'] }).withResponse();
    expect(data.data).toHaveLength(2);
    expect(data.data[0].embedding.length).toBeGreaterThan(0);
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('openai/text-embedding-3-small');
    const e = (await spooledEvents(fx)).at(-1)!;
    expect(e).toMatchObject({ endpoint: 'embeddings', servedModel: 'openai/text-embedding-3-small', completionTokens: 0, usageEstimated: false });
    expect(e.costUsd).toBe(e.baselineCostUsd);
    expect(Number(e.costUsd)).toBeCloseTo(((e.promptTokens as number) * 0.02) / 1e6, 14);
  });

  it('lists the live catalog models and the bucket names on /v1/models', async () => {
    const ids: string[] = [];
    for await (const m of fx.client.models.list()) ids.push(m.id);
    expect(ids).toEqual(expect.arrayContaining(['openai/gpt-4o', 'deepseek-ai/DeepSeek-V4-Flash', 'openai/text-embedding-3-small', 'bulk', 'standard', 'critical']));
  });

  it('estimates usage when the upstream sends none (flagged), for JSON and for streams', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { omitUsage: true } } });
    try {
      const c = await fx.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'no usage here please' }] });
      expect(c.usage).toBeUndefined();
      const e1 = (await spooledEvents(fx)).at(-1)!;
      expect(e1).toMatchObject({ usageEstimated: true });
      expect(e1.promptTokens).toBeGreaterThan(0);
      expect(e1.completionTokens).toBeGreaterThan(0);
      const stream = await fx.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'no usage in the stream' }], stream: true });
      for await (const chunk of stream) void chunk;
      const e2 = (await spooledEvents(fx)).at(-1)!;
      expect(e2).toMatchObject({ usageEstimated: true, stream: true, status: 200 });
      expect(e2.completionTokens).toBeGreaterThan(0);
    } finally {
      fx.sim.resetConfig();
    }
  });

  it('exposes Prometheus metrics labelled by bucket and model', async () => {
    await fx.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'metrics' }] });
    const text = await (await fetch(`${fx.proxy.url}/metrics`)).text();
    expect(text).toMatch(/switchyard_proxy_requests_total\{endpoint="chat.completions",bucket="bulk",model="deepseek-ai\/DeepSeek-V4-Flash",status="200"\} \d+/);
    for (const name of [
      'switchyard_proxy_request_duration_seconds_bucket',
      'switchyard_proxy_time_to_first_token_seconds_bucket',
      'switchyard_proxy_tokens_total',
      'switchyard_proxy_cost_usd_total',
      'switchyard_proxy_cache_total',
      'switchyard_proxy_upstream_attempts_total',
      'switchyard_proxy_errors_total',
    ]) {
      expect(text).toContain(name);
    }
  });
});
