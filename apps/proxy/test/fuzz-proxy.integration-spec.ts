import fc from 'fast-check';
import { Client } from 'undici';
import { SWITCHYARD_HEADERS } from '@switchyard/contracts';
import { spooledEvents, startProxyFixture, type ProxyFixture } from './support/proxy-fixture';

/**
 * Property-based fuzzing of everything a client can send the proxy: random and
 * malformed JSON bodies, every field of a chat or embeddings request given a wrong
 * type, odd and huge headers, bad auth, random paths and methods. Whatever comes in:
 * never a 5xx, the process keeps answering, and a request the proxy itself refuses
 * records nothing — usage events appear only for requests that reached an upstream.
 * Each property prints how many cases ran. The seed is printed too, to replay a failure
 * (FUZZ_SEED=<n>).
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const CHAT_FIELDS = ['model', 'messages', 'stream', 'stream_options', 'temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'n', 'seed', 'stop', 'user', 'tools', 'tool_choice', 'response_format', 'logprobs', 'top_logprobs', 'presence_penalty', 'frequency_penalty', 'logit_bias', 'metadata'];
const EMBEDDING_FIELDS = ['model', 'input', 'dimensions', 'encoding_format', 'user'];

/** A header value any HTTP client can send: visible ASCII and spaces, sometimes very long. */
const headerValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'x'.repeat(n)) },
);

describe('fuzz: the proxy never answers 5xx and records nothing for what it refuses', () => {
  let fx: ProxyFixture;
  let http: Client;
  const total = { cases: 0, fiveXx: 0 };
  let eventsBefore = 0;
  /** Requests that reached an upstream (the only ones that may record a usage event). */
  let routed = 0;

  beforeAll(async () => {
    fx = await startProxyFixture({ proxy: { maxBodyBytes: 64 * 1024 } });
    // Keep-alive off: a request that breaks its connection (431, 413) must not break the next one.
    http = new Client(fx.proxy.url, { pipelining: 0, keepAliveTimeout: 1, headersTimeout: 60_000, bodyTimeout: 60_000 });
    eventsBefore = (await spooledEvents(fx)).length;
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} to replay)`);
  });
  afterAll(async () => {
    await http?.close();
    await fx?.close();
  });

  /** Sends one request as it is (no client-side normalisation of path, headers or body); returns the status. */
  async function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<number> {
    const res = await http.request({ method, path, headers, body });
    await res.body.arrayBuffer().catch(() => undefined);
    total.cases++;
    if (res.statusCode >= 500) total.fiveXx++;
    // Answers after routing name the model that served (or the cache outcome); refusals before it name neither.
    if (res.headers[SWITCHYARD_HEADERS.model] !== undefined || res.headers[SWITCHYARD_HEADERS.cache] !== undefined) routed++;
    return res.statusCode;
  }
  const auth = () => ({ authorization: `Bearer ${fx.key.key}`, 'content-type': 'application/json' });
  const notServerError = (status: number) => status < 500;

  it('chat bodies: random text, broken JSON, non-objects, and every field of a valid request given a random value', async () => {
    const valid = { model: 'bulk', messages: [{ role: 'user', content: 'hello' }] };
    const mutated = fc
      .record({ field: fc.constantFrom(...CHAT_FIELDS, 'unknown_field'), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)), stream: fc.boolean() })
      .map(({ field, value, stream }) => JSON.stringify({ ...valid, stream, [field]: value }));
    const messages = fc
      .array(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ role: fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'tool', 'developer'), fc.string()), content: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 })) }, { requiredKeys: [] })), { maxLength: 4 })
      .map((m) => JSON.stringify({ model: 'bulk', messages: m }));
    const broken = fc.tuple(fc.jsonValue(), fc.nat()).map(([v, cut]) => {
      const s = JSON.stringify(v);
      return s.slice(0, cut % (s.length + 1));
    });
    const body = fc.oneof(mutated, mutated, messages, broken, fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)), fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        n++;
        return notServerError(await send('POST', '/v1/chat/completions', auth(), b));
      }),
      { numRuns: 900, seed: SEED },
    );
    console.log(`fuzz: proxy chat bodies ${n.toLocaleString('en-US')} cases, 0 5xx`);
  }, 300_000);

  it('embeddings bodies: every field given a random value', async () => {
    const valid = { model: 'openai/text-embedding-3-small', input: 'hello' };
    const body = fc
      .record({ field: fc.constantFrom(...EMBEDDING_FIELDS, 'unknown_field'), value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)) })
      .map(({ field, value }) => JSON.stringify({ ...valid, [field]: value }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(body, body, fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), async (b) => {
        n++;
        return notServerError(await send('POST', '/v1/embeddings', auth(), b));
      }),
      { numRuns: 300, seed: SEED },
    );
    console.log(`fuzz: proxy embeddings bodies ${n.toLocaleString('en-US')} cases, 0 5xx`);
  }, 300_000);

  it('headers: bad auth, odd and huge values on every header the proxy reads', async () => {
    const authorization = fc.oneof(
      headerValue,
      headerValue.map((v) => `Bearer ${v}`),
      fc.constantFrom('Bearer', 'Bearer ', 'bearer sk-sy-x', `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${'sk-sy-'.padEnd(60, 'A')}`),
    );
    const headers = fc.record(
      {
        authorization,
        'content-type': fc.oneof(headerValue, fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-16', 'multipart/form-data')),
        [SWITCHYARD_HEADERS.requestBucket]: headerValue,
        [SWITCHYARD_HEADERS.affinity]: headerValue,
        'x-switchyard-cache': fc.oneof(headerValue, fc.constant('bypass')),
        'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
        'x-anything': headerValue,
      },
      { requiredKeys: [] },
    );
    const withKey = headers.map((h) => ({ ...h, authorization: h.authorization ?? `Bearer ${fx.key.key}` }));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(headers, withKey), fc.boolean(), async (h, stream) => {
        n++;
        return notServerError(await send('POST', '/v1/chat/completions', h as Record<string, string>, JSON.stringify({ model: 'bulk', stream, messages: [{ role: 'user', content: 'hi' }] })));
      }),
      { numRuns: 500, seed: SEED },
    );
    console.log(`fuzz: proxy headers ${n.toLocaleString('en-US')} cases, 0 5xx`);
  }, 300_000);

  it('paths and methods: anything, with or without a key', async () => {
    const path = fc.oneof(
      fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
      fc.constantFrom('/v1/chat/completions', '/v1/embeddings', '/v1/models', '/healthz', '/metrics', '/chat/completions', '/models').chain((p) =>
        fc.constantFrom(p, `${p}/`, `${p}?x=1`, `${p}?%zz`, `/${p}`, `${p}/../x`, `${p}%00`, p.toUpperCase()),
      ),
      fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }).map((s) => `/${s.replace(/[#?]/g, '')}`),
    );
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(method, path, fc.boolean(), async (m, p, withKey) => {
        n++;
        const body = m === 'GET' || m === 'HEAD' ? undefined : '{"model":"bulk","messages":[{"role":"user","content":"x"}]}';
        return notServerError(await send(m, p, withKey ? auth() : {}, body));
      }),
      { numRuns: 400, seed: SEED },
    );
    console.log(`fuzz: proxy paths and methods ${n.toLocaleString('en-US')} cases, 0 5xx`);
  }, 300_000);

  it('is still healthy and serving, and recorded usage only for requests that reached an upstream', async () => {
    expect((await fetch(`${fx.proxy.url}/healthz`)).status).toBe(200);
    const r = await fx.client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'still there?' }] });
    expect(r.choices[0].message.content).toBeTruthy();
    const events = (await spooledEvents(fx)).length - eventsBefore;
    expect(events).toBe(routed + 1);
    console.log(`fuzz: proxy total ${total.cases.toLocaleString('en-US')} cases, ${total.fiveXx} 5xx; ${routed} reached the upstream (and recorded usage), ${total.cases - routed} refused with nothing recorded`);
    expect(total.fiveXx).toBe(0);
  });
});
