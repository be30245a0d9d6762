import OpenAI from 'openai';
import { SWITCHYARD_HEADERS } from '@switchyard/contracts';
import { startProxy } from '../src/server';
import { spooledEvents, startProxyFixture, type ProxyFixture } from './support/proxy-fixture';

describe('proxy: every bad input gets an OpenAI-shaped error', () => {
  let fx: ProxyFixture;
  beforeAll(async () => {
    fx = await startProxyFixture({ proxy: { maxBodyBytes: 64 * 1024 } });
  });
  afterAll(async () => {
    await fx.close();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${fx.proxy.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${fx.key.key}`, 'content-type': 'application/json', ...headers }, body });

  async function expectError(res: Response, status: number, fields: Partial<{ type: string; param: string | null; code: string | null }>, message?: RegExp) {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { message: string; type: string; param: string | null; code: string | null } };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(body.error).toMatchObject(fields);
    if (message) expect(body.error.message).toMatch(message);
  }

  it('401 without an API key, and with an unknown one (AuthenticationError in the SDK)', async () => {
    const res = await fetch(`${fx.proxy.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    await expectError(res, 401, { code: 'invalid_api_key' }, /didn't provide an API key/);
    const client = fx.clientFor('sk-sy-not-a-real-key-0000000000');
    await expect(client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('400 for malformed JSON and for a body that is not an object', async () => {
    await expectError(await post('/v1/chat/completions', '{"model": "bulk", "messages": ['), 400, { type: 'invalid_request_error', code: 'invalid_json' }, /could not parse the JSON body/);
    await expectError(await post('/v1/chat/completions', '[1,2]'), 400, { code: 'invalid_json' });
  });

  it('400 naming the field: missing messages, wrong types, empty messages', async () => {
    await expectError(await post('/v1/chat/completions', '{"model":"bulk"}'), 400, { param: 'messages', code: 'missing_required_parameter' }, /'messages'/);
    await expectError(await post('/v1/chat/completions', '{"messages":"hi"}'), 400, { param: 'messages', code: 'invalid_type' });
    await expectError(await post('/v1/chat/completions', '{"messages":[]}'), 400, { param: 'messages', code: 'empty_array' });
    await expectError(await post('/v1/chat/completions', '{"messages":[{"role":"user","content":"x"}],"model":42}'), 400, { param: 'model' });
    await expectError(await post('/v1/chat/completions', '{"messages":[{"role":"user","content":"x"}],"stream":"yes"}'), 400, { param: 'stream' });
    await expectError(await post('/v1/embeddings', '{"model":"openai/text-embedding-3-small"}'), 400, { param: 'input' });
    const err = await fx.client.chat.completions.create({ model: 'bulk' } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages');
  });

  it('404 for an unknown model (NotFoundError) and for an unknown bucket header', async () => {
    const err = await fx.client.chat.completions.create({ model: 'gpt-4o-typo', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    await expectError(
      await post('/v1/chat/completions', '{"messages":[{"role":"user","content":"x"}]}', { [SWITCHYARD_HEADERS.requestBucket]: 'nope' }),
      404,
      { code: 'bucket_not_found' },
      /bucket 'nope'/,
    );
  });

  it('400 when a chat request names an embeddings model, and the reverse', async () => {
    await expectError(await post('/v1/chat/completions', '{"model":"openai/text-embedding-3-small","messages":[{"role":"user","content":"x"}]}'), 400, { param: 'model', code: 'model_not_supported' });
    await expectError(await post('/v1/embeddings', '{"model":"openai/gpt-4o","input":"x"}'), 400, { param: 'model', code: 'model_not_supported' });
  });

  it('413 for a body over the limit, declared or not', async () => {
    const big = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] });
    await expectError(await post('/v1/chat/completions', big), 413, { code: 'request_too_large' });
    // Chunked upload without a content-length: refused once it passes the limit.
    const chunked = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await fetch(`${fx.proxy.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fx.key.key}`, 'content-type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    await expectError(res, 413, { code: 'request_too_large' });
  });

  it('404 for an unknown path and 405 for a wrong method', async () => {
    await expectError(await post('/v1/completions', '{}'), 404, { code: 'unknown_url' });
    const res = await fetch(`${fx.proxy.url}/v1/chat/completions`, { headers: { authorization: `Bearer ${fx.key.key}` } });
    await expectError(res, 405, { code: 'method_not_allowed' });
  });

  it('passes a non-retryable upstream 4xx through unchanged, without trying a fallback', async () => {
    fx.sim.resetStats();
    fx.sim.setConfig({ models: { 'DeepSeek-V4-Flash': { status: 400 } } });
    try {
      const res = await post('/v1/chat/completions', '{"model":"bulk","messages":[{"role":"user","content":"x"}]}');
      expect(res.status).toBe(400);
      expect(res.headers.get(SWITCHYARD_HEADERS.model)).toBe('deepseek-ai/DeepSeek-V4-Flash');
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/forced status 400/);
      expect(fx.sim.stats().requests.byModel['GLM-4-Plus'] ?? 0).toBe(0);
    } finally {
      fx.sim.resetConfig();
    }
  });

  it('records no usage event for requests refused before routing', async () => {
    const before = await spooledEvents(fx);
    await post('/v1/chat/completions', '{"model":"bulk"}');
    await post('/v1/chat/completions', '{"messages":[{"role":"user","content":"x"}]}', { authorization: 'Bearer nope' });
    expect((await spooledEvents(fx)).length).toBe(before.length);
  });
});

describe('proxy: readiness', () => {
  it('answers /healthz 503 and refuses requests until a policy is loaded', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'sy-proxy-empty-'));
    const proxy = await startProxy({ port: 0, controlPlaneUrl: null, dataDir: dir, logLevel: 'silent' });
    try {
      const health = await fetch(`${proxy.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'waiting_for_policy', policyVersion: null });
      const res = await fetch(`${proxy.url}/v1/chat/completions`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('policy_not_loaded');
    } finally {
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
