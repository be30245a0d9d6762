import OpenAI from 'openai';
import { SWITCHYARD_HEADERS } from '@switchyard/contracts';
import { seedPolicyWith, UPSTREAM } from './support/policies';
import { spooledEvents, startProxyFixture, type ProxyFixture } from './support/proxy-fixture';

const fast = { attemptTimeoutMs: 300, totalBudgetMs: 5_000, maxAttempts: 3, breakerFailures: 100, breakerCooldownMs: 60_000 };
const policy = seedPolicyWith(
  { bulk: { limits: fast } },
  [
    { name: 'chain', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], fallbacks: ['zai-org/GLM-4-Plus', 'Qwen/Qwen3-32B'], limits: fast },
    { name: 'breaker', targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 }], fallbacks: ['zai-org/GLM-4-Plus'], limits: { ...fast, breakerFailures: 2 } },
  ],
);

describe('proxy: fallbacks, timeouts and the circuit breaker', () => {
  let fx: ProxyFixture;
  beforeEach(async () => {
    fx = await startProxyFixture({ policy });
  });
  afterEach(async () => {
    await fx.close();
  });

  const ask = (model: string, client: OpenAI = fx.client) =>
    client.chat.completions.create({ model, messages: [{ role: 'user', content: 'fallback please' }] }).withResponse();
  const lastEvent = async () => (await spooledEvents(fx)).at(-1)!;

  it.each([
    ['a 500', { status: 500 }],
    ['a 429', { status: 429 }],
    ['a 200 that is not JSON', { garbage: true }],
    ['a connection cut mid-body', { cutAfterChunks: 0 }],
  ])('moves to the next fallback on %s', async (_name, fault) => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: fault } });
    const { data, response } = await ask('bulk');
    expect(data.choices[0].message.content).toEqual(expect.any(String));
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('zai-org/GLM-4-Plus');
    expect(fx.sim.stats().requests.byModel[UPSTREAM.flash]).toBe(1);
    expect(await lastEvent()).toMatchObject({ servedModel: 'zai-org/GLM-4-Plus', attempts: 2, status: 200, bucket: 'bulk', requestedModel: 'bulk' });
  });

  it('moves on when an attempt times out (a hung upstream)', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { hang: true } } });
    const { response } = await ask('bulk');
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('zai-org/GLM-4-Plus');
  });

  it('walks the whole chain in order and answers 502 with the last upstream status and message when all fail', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { status: 500 }, [UPSTREAM.glm]: { status: 429 }, [UPSTREAM.qwen]: { status: 503 } } });
    const err = (await ask('chain').catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/All 3 upstream attempts failed.*Qwen\/Qwen3-32B.*HTTP 503.*forced status 503/);
    expect(err.code).toBe('upstream_status_503');
    expect(err.headers?.get('x-switchyard-upstream-status')).toBe('503');
    const stats = fx.sim.stats().requests.byModel;
    expect([stats[UPSTREAM.flash], stats[UPSTREAM.glm], stats[UPSTREAM.qwen]]).toEqual([1, 1, 1]);
    expect(await lastEvent()).toMatchObject({ status: 502, servedModel: null, attempts: 3, costUsd: '0.00', errorType: 'upstream_status_503' });
  });

  it('answers 504 when the last attempt timed out', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { hang: true }, [UPSTREAM.glm]: { hang: true } } });
    const err = (await ask('bulk').catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(504);
    expect(err.code).toBe('upstream_timeout');
  });

  it('serves a concrete catalog model as asked, with no substitute on failure', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { status: 500 } } });
    const err = (await ask('deepseek-ai/DeepSeek-V4-Flash').catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err.status).toBe(502);
    expect(fx.sim.stats().requests.byModel[UPSTREAM.glm] ?? 0).toBe(0);
    fx.sim.resetConfig();
    const { response } = await ask('deepseek-ai/DeepSeek-V4-Flash');
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('deepseek-ai/DeepSeek-V4-Flash');
    // Accounted to the default bucket (the key has no default bucket and no rule matches).
    expect(response.headers.get(SWITCHYARD_HEADERS.bucket)).toBe('standard');
  });

  it('opens the circuit breaker after N consecutive failures: the broken target is skipped, not called', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { status: 500 } } });
    await ask('breaker');
    await ask('breaker');
    expect(fx.sim.stats().requests.byModel[UPSTREAM.flash]).toBe(2);
    const { response } = await ask('breaker');
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('zai-org/GLM-4-Plus');
    expect(fx.sim.stats().requests.byModel[UPSTREAM.flash]).toBe(2);
    expect(await lastEvent()).toMatchObject({ attempts: 1, servedModel: 'zai-org/GLM-4-Plus' });
  });

  it('falls back for a stream whose first target fails before any byte', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { status: 500 } } });
    const { data: stream, response } = await fx.client.chat.completions
      .create({ model: 'bulk', messages: [{ role: 'user', content: 'stream' }], stream: true })
      .withResponse();
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('zai-org/GLM-4-Plus');
  });

  it('never switches models once a byte reached the client: a stream cut mid-way ends with an error event, billed for what came', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { cutAfterChunks: 3 } } });
    const stream = await fx.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'cut me' }], stream: true });
    let text = '';
    const err = await (async () => {
      for await (const c of stream) text += c.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(String((err as Error).message)).toMatch(/broke off/);
    expect(text.length).toBeGreaterThan(0);
    expect(fx.sim.stats().requests.byModel[UPSTREAM.glm] ?? 0).toBe(0);
    const e = await lastEvent();
    expect(e).toMatchObject({ servedModel: 'deepseek-ai/DeepSeek-V4-Flash', usageEstimated: true, errorType: 'upstream_stream_interrupted', attempts: 1 });
    expect(e.completionTokens).toBeGreaterThan(0);
    expect(Number(e.costUsd)).toBeGreaterThan(0);
  });
});
