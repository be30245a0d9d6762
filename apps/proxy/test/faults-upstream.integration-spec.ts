import OpenAI from 'openai';
import { SWITCHYARD_HEADERS } from '@switchyard/contracts';
import { seedPolicyWith, UPSTREAM } from './support/policies';
import { spooledEvents, startProxyFixture, type ProxyFixture } from './support/proxy-fixture';

/**
 * An upstream that answers garbage, truncated JSON, or hangs — before its first byte
 * or in the middle of a stream. Through the official openai client, every case ends
 * in a clean OpenAI-shaped error (502, or 504 for a timeout) or, once bytes reached
 * the client, a stream that ends with an error event: never a 200 the client cannot
 * read, never a request that hangs. (Fallback on each fault is fallback.integration-spec's.)
 */
const limits = { attemptTimeoutMs: 1_000, totalBudgetMs: 20_000, maxAttempts: 3, breakerFailures: 100, breakerCooldownMs: 60_000 };
const policy = seedPolicyWith({}, [
  { name: 'solo', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], fallbacks: [], limits },
  { name: 'chain', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], fallbacks: ['zai-org/GLM-4-Plus'], limits },
]);

type ApiError = InstanceType<typeof OpenAI.APIError>;

describe('faults: an upstream that answers garbage, truncated JSON or nothing', () => {
  let fx: ProxyFixture;
  beforeAll(async () => {
    fx = await startProxyFixture({ policy });
  });
  afterAll(async () => {
    await fx.close();
  });
  beforeEach(() => fx.sim.resetConfig());

  const chat = (model: string, stream: boolean) => {
    const messages = [{ role: 'user' as const, content: 'fault please' }];
    if (!stream) return fx.client.chat.completions.create({ model, messages }, { timeout: 60_000 }).then((r) => r.choices[0].message.content ?? '');
    return (async () => {
      let text = '';
      for await (const c of await fx.client.chat.completions.create({ model, messages, stream: true }, { timeout: 60_000 })) text += c.choices[0]?.delta.content ?? '';
      return text;
    })();
  };
  /** The raw answer, to check the error body has exactly OpenAI's shape. */
  const raw = async (model: string, stream: boolean) => {
    const res = await fetch(`${fx.proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.key.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'fault please' }] }),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as { error: Record<string, unknown> } };
  };

  const before: Array<[string, Record<string, unknown>, number, string]> = [
    ['garbage (a 200 that is not JSON)', { garbage: true }, 502, 'upstream_status_200'],
    ['truncated JSON', { truncatedJson: true }, 502, 'upstream_'],
    ['a hang before any byte', { hang: true }, 504, 'upstream_timeout'],
  ];
  for (const [name, fault, status, code] of before) {
    for (const stream of [false, true]) {
      it(`${name}, ${stream ? 'streaming' : 'not streaming'}: a clean ${status} in OpenAI's shape`, async () => {
        fx.sim.setConfig({ models: { [UPSTREAM.flash]: fault } });
        const err = (await chat('solo', stream).catch((e: unknown) => e)) as ApiError;
        expect(err).toBeInstanceOf(OpenAI.APIError);
        expect(err.status).toBe(status);
        expect(String(err.code)).toContain(code);
        const r = await raw('solo', stream);
        expect(r.status).toBe(status);
        expect(r.type).toMatch(/^application\/json/);
        expect(Object.keys(r.body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
        expect(r.body.error).toMatchObject({ type: 'upstream_error', param: null });
        expect(String(r.body.error.message)).toMatch(/deepseek-ai\/DeepSeek-V4-Flash/);
        // Counted as a failed request, with nothing billed.
        expect((await spooledEvents(fx)).at(-1)).toMatchObject({ status, servedModel: null, costUsd: '0.00', bucket: 'solo' });
      });
    }
  }

  it('a stream that starts with garbage falls back to the next model, since nothing reached the client yet', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { garbage: true } } });
    const { data, response } = await fx.client.chat.completions.create({ model: 'chain', stream: true, messages: [{ role: 'user', content: 'x' }] }).withResponse();
    let text = '';
    for await (const c of data) text += c.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('zai-org/GLM-4-Plus');
  });

  it('a stream that stalls after its first chunks ends with an error event (the client is not left hanging), billed for what came', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { hangAfterChunks: 2 } } });
    let text = '';
    const err = await (async () => {
      for await (const c of await fx.client.chat.completions.create({ model: 'solo', stream: true, messages: [{ role: 'user', content: 'x' }] }, { timeout: 120_000 })) text += c.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(String((err as Error).message)).toMatch(/broke off/);
    expect((await spooledEvents(fx)).at(-1)).toMatchObject({ errorType: 'upstream_stream_interrupted', servedModel: 'deepseek-ai/DeepSeek-V4-Flash' });
  });

  it('keeps serving afterwards', async () => {
    expect((await chat('solo', false)).length).toBeGreaterThan(0);
    expect((await chat('solo', true)).length).toBeGreaterThan(0);
    expect((await fetch(`${fx.proxy.url}/healthz`)).status).toBe(200);
  });
});
