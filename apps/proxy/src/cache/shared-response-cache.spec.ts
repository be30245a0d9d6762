import type { BucketInput } from '@switchyard/contracts';
import { buildSnapshot, makeKey } from '../../test/support/snapshot-factory';
import { seedPolicyWith } from '../../test/support/policies';
import { compilePolicy, type CompiledPolicy } from '../policy/compiled-policy';
import { MemoryBackend } from './memory-backend';
import type { CacheContext, CacheLookup } from './response-cache';
import { SemanticIndexes } from './semantic-index';
import { SharedResponseCache } from './shared-response-cache';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const FLASH = 'deepseek-ai/DeepSeek-V4-Flash';

function policy(cache: BucketInput['cache'] = {}): CompiledPolicy {
  const r = compilePolicy(buildSnapshot({ baseUrl: 'http://127.0.0.1:9/v1', policy: seedPolicyWith({ bulk: { cache: { exact: true, semantic: true, ...cache } } }) }), () => undefined);
  if (!r.ok) throw new Error(r.reason);
  return r.policy;
}

const growth = makeKey('growth').record;
function ctx(live: CompiledPolicy, body: Record<string, unknown>, opts: { team?: typeof growth; model?: string; headers?: Record<string, string> } = {}): CacheContext {
  return { live, bucket: live.buckets.get('bulk')!, model: live.models.get(opts.model ?? FLASH)!, key: opts.team ?? growth, body, stream: body.stream === true, headers: opts.headers ?? {} };
}

const completion = (content: string, extra: Record<string, unknown> = {}) =>
  Buffer.from(JSON.stringify({ id: 'c', object: 'chat.completion', created: 1, model: 'DeepSeek-V4-Flash', choices: [{ index: 0, message: { role: 'assistant', content, ...extra }, finish_reason: extra.tool_calls ? 'tool_calls' : 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }));
const usage = { promptTokens: 10, completionTokens: 5, cachedTokens: 0 };
const ask = (text: string, extra: Record<string, unknown> = {}) => ({ model: 'bulk', messages: [{ role: 'user', content: text }], temperature: 0, ...extra });

describe('SharedResponseCache (in-process backend)', () => {
  let now = 1_000_000;
  let cache: SharedResponseCache;
  beforeEach(() => {
    const semantic = new SemanticIndexes();
    cache = new SharedResponseCache({ backend: new MemoryBackend(1 << 20, () => now), semantic, log: silent, now: () => now });
  });
  afterEach(() => cache.close());

  /** A miss, then the answer stored the way the chat route stores it. */
  async function prime(c: CacheContext, content = 'Answer'): Promise<void> {
    expect((await cache.lookup(c)).outcome).toBe('miss');
    cache.store(c, { kind: 'json', servedModel: c.model, payload: completion(content), usage });
    await new Promise((r) => setImmediate(r));
  }
  const outcome = async (c: CacheContext) => (await cache.lookup(c)).outcome;

  it('serves an exact hit with the stored bytes and usage, and a semantic hit for a template variation', async () => {
    const live = policy();
    await prime(ctx(live, ask('Write a product description for the Acme X200 blender.')), 'Blend it all');
    const hit = (await cache.lookup(ctx(live, ask('Write a product description for the Acme X200 blender.', { stream: true, user: 'u1' })))) as Extract<CacheLookup, { payload: Buffer }>;
    expect(hit.outcome).toBe('exact');
    expect(hit.payload.toString()).toContain('Blend it all');
    expect(hit.usage).toEqual(usage);
    expect(hit.servedModel.id).toBe(FLASH);
    expect(await outcome(ctx(live, ask('Please write a product description for the Acme X200 blender')))).toBe('semantic');
    expect(await outcome(ctx(live, ask('Write a product description for the Acme X300 blender.')))).toBe('miss');
  });

  it('keeps teams and models apart', async () => {
    const live = policy();
    await prime(ctx(live, ask('Price of the Sierra yoga mat?')));
    expect(await outcome(ctx(live, ask('Price of the Sierra yoga mat?'), { team: makeKey('support').record }))).toBe('miss');
    expect(await outcome(ctx(live, ask('Price of the Sierra yoga mat?'), { model: 'zai-org/GLM-4-Plus' }))).toBe('miss');
  });

  it('bypasses on the client header, above the bucket temperature, and with both caches off; stores nothing then', async () => {
    const live = policy({ maxTemperature: 0.5 });
    const byHeader = ctx(live, ask('hello there'), { headers: { 'x-switchyard-cache': 'Bypass' } });
    expect(await outcome(byHeader)).toBe('bypass');
    cache.store(byHeader, { kind: 'json', servedModel: byHeader.model, payload: completion('x'), usage });
    await new Promise((r) => setImmediate(r));
    expect(await outcome(ctx(live, ask('hello there')))).toBe('miss');
    expect(await outcome(ctx(live, ask('hello there', { temperature: 0.7 })))).toBe('bypass');
    expect(await outcome(ctx(live, { messages: [{ role: 'user', content: 'no temperature means 1' }] }))).toBe('bypass');
    expect(await outcome(ctx(policy({ exact: false, semantic: false }), ask('hello there')))).toBe('bypass');
  });

  it('stores tool calls only where the bucket allows, and never an unfinished answer', async () => {
    const tools = { tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }] };
    for (const [allow, expected] of [[false, 'miss'], [true, 'exact']] as const) {
      const live = policy({ allowToolCalls: allow });
      const c = ctx(live, ask(`call the tool ${allow}`));
      await cache.lookup(c);
      cache.store(c, { kind: 'json', servedModel: c.model, payload: completion('', tools), usage });
      await new Promise((r) => setImmediate(r));
      expect(await outcome(ctx(live, ask(`call the tool ${allow}`)))).toBe(expected);
    }
    const live = policy();
    const c = ctx(live, ask('cut short', { stream: true }));
    expect(await cache.lookup(c)).toEqual({ outcome: 'miss', collectStream: true });
    cache.store(c, { kind: 'sse', servedModel: c.model, chunks: [Buffer.from('data: {"id":"c","choices":[{"index":0,"delta":{"content":"par"}}]}\n\n')], usage });
    await new Promise((r) => setImmediate(r));
    expect(await outcome(ctx(live, ask('cut short')))).toBe('miss');
  });

  it('respects the TTL, and a shorter TTL in a new policy version applies to older entries', async () => {
    const live = policy({ ttlSeconds: 60 });
    await prime(ctx(live, ask('How do I clean the Atlas hiking boots?')));
    now += 30_000;
    expect(await outcome(ctx(live, ask('How do I clean the Atlas hiking boots?')))).toBe('exact');
    expect(await outcome(ctx(policy({ ttlSeconds: 10 }), ask('How do I clean the Atlas hiking boots?')))).toBe('miss');
    now += 31_000;
    expect(await outcome(ctx(live, ask('How do I clean the Atlas hiking boots?')))).toBe('miss');
    expect(await outcome(ctx(live, ask('Please, how do I clean the Atlas hiking boots')))).toBe('miss');
  });

  it('indexes the semantic entry of an answer whose lookup ran while the backend was unreachable', async () => {
    // The in-process backend with its reachability switched, as a Redis still connecting.
    class Flaky extends MemoryBackend {
      up = false;
      override available(): boolean {
        return this.up;
      }
    }
    const backend = new Flaky(1 << 20, () => now);
    const flaky = new SharedResponseCache({ backend, semantic: new SemanticIndexes(), log: silent, now: () => now });
    try {
      const live = policy();
      const c = ctx(live, ask('List the key features of the Cedar standing desk.'));
      expect(await flaky.lookup(c)).toEqual({ outcome: 'miss', collectStream: false });
      backend.up = true;
      flaky.store(c, { kind: 'json', servedModel: c.model, payload: completion('Sturdy'), usage });
      await new Promise((r) => setImmediate(r));
      expect((await flaky.lookup(ctx(live, ask('Please list the key features of the Cedar standing desk')))).outcome).toBe('semantic');
    } finally {
      await flaky.close();
    }
  });

  it('files an answer from a fallback under the model that produced it', async () => {
    const live = policy();
    const c = ctx(live, ask('fallback answered'));
    await cache.lookup(c);
    cache.store(c, { kind: 'json', servedModel: live.models.get('zai-org/GLM-4-Plus')!, payload: completion('from GLM'), usage });
    await new Promise((r) => setImmediate(r));
    expect(await outcome(ctx(live, ask('fallback answered')))).toBe('miss');
    expect(await outcome(ctx(live, ask('fallback answered'), { model: 'zai-org/GLM-4-Plus' }))).toBe('exact');
  });
});
