import OpenAI from 'openai';
import { startProviderSim, type ProviderSim } from './server';
import { countTokens } from './text';

const USER = [{ role: 'user' as const, content: 'Tell me about routing cheap models.' }];

describe('provider-sim chat completions (official openai client)', () => {
  let sim: ProviderSim;
  let client: OpenAI;

  beforeAll(async () => {
    sim = await startProviderSim({ port: 0 });
    client = new OpenAI({ baseURL: sim.url, apiKey: 'sk-test', maxRetries: 0, timeout: 5000 });
  });
  afterAll(() => sim.close());

  it('answers in the OpenAI shape with the requested model and consistent usage', async () => {
    const res = await client.chat.completions.create({ model: 'my/odd-model:v1', messages: USER });
    expect(res.id).toMatch(/^chatcmpl-/);
    expect(res.object).toBe('chat.completion');
    expect(res.model).toBe('my/odd-model:v1');
    expect(typeof res.created).toBe('number');
    expect(res.choices).toHaveLength(1);
    const choice = res.choices[0];
    expect(choice.index).toBe(0);
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.role).toBe('assistant');
    expect(choice.message.content).toMatch(/^[A-Z][a-z ,.]+\.?/);
    const usage = res.usage!;
    expect(usage.completion_tokens).toBe(countTokens(choice.message.content!));
    expect(usage.prompt_tokens).toBeGreaterThan(countTokens(USER[0].content));
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(usage.prompt_tokens_details?.cached_tokens).toBe(0);
  });

  it('is deterministic: same request → same content; another prompt, model or seed → different', async () => {
    const ask = (content: string, model = 'gpt-4o', seed?: number) =>
      client.chat.completions.create({ model, seed, messages: [{ role: 'user', content }] }).then((r) => r.choices[0].message.content);
    const a = await ask('What is a bucket?');
    expect(await ask('What is a bucket?')).toBe(a);
    expect(await ask('What is a policy?')).not.toBe(a);
    expect(await ask('What is a bucket?', 'gpt-4o-mini')).not.toBe(a);
    expect(await ask('What is a bucket?', 'gpt-4o', 7)).not.toBe(a);
    expect(await ask('What is a bucket?', 'gpt-4o', 7)).toBe(await ask('What is a bucket?', 'gpt-4o', 7));
  });

  it('accepts unknown fields and echoes them nowhere', async () => {
    const res = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: USER,
      temperature: 0.2,
      user: 'user-1',
      // @ts-expect-error an unknown field the simulator must accept
      made_up_field: 'secret-value-123',
    });
    expect(JSON.stringify(res)).not.toContain('secret-value-123');
    expect(JSON.stringify(res)).not.toContain('user-1');
  });

  it('truncates at max_tokens / max_completion_tokens with finish_reason "length"', async () => {
    const a = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, max_tokens: 3 });
    expect(a.choices[0].finish_reason).toBe('length');
    expect(a.usage!.completion_tokens).toBe(3);
    const b = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, max_completion_tokens: 5 });
    expect(b.usage!.completion_tokens).toBe(5);
    expect(countTokens(b.choices[0].message.content!)).toBe(5);
  });

  it('returns n choices, each different, with usage summed', async () => {
    const res = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, n: 3, max_tokens: 4 });
    expect(res.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(new Set(res.choices.map((c) => c.message.content)).size).toBe(3);
    expect(res.usage!.completion_tokens).toBe(12);
  });

  it('honours completionTokens (x-sim-completion-tokens) as the answer length', async () => {
    const res = await client.chat.completions.create({ model: 'gpt-4o', messages: USER }, { headers: { 'x-sim-completion-tokens': '40' } });
    expect(res.usage!.completion_tokens).toBe(40);
  });

  it('returns valid JSON content for response_format json_object and json_schema', async () => {
    const a = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, response_format: { type: 'json_object' } });
    expect(typeof JSON.parse(a.choices[0].message.content!)).toBe('object');
    const b = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: USER,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'r', schema: { type: 'object', properties: { score: { type: 'integer', minimum: 1, maximum: 5 }, tags: { type: 'array', items: { type: 'string' } } } } },
      },
    });
    const parsed = JSON.parse(b.choices[0].message.content!);
    expect(parsed.score).toBeGreaterThanOrEqual(1);
    expect(parsed.score).toBeLessThanOrEqual(5);
    expect(Array.isArray(parsed.tags)).toBe(true);
  });

  it('includes a plausible logprobs object when asked', async () => {
    const res = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, logprobs: true, top_logprobs: 2, max_tokens: 4 });
    const content = res.choices[0].logprobs!.content!;
    expect(content).toHaveLength(4);
    expect(content.map((t) => t.token).join('')).toBe(res.choices[0].message.content);
    for (const entry of content) {
      expect(entry.logprob).toBeLessThan(0);
      expect(entry.top_logprobs).toHaveLength(2);
      expect(entry.bytes).toEqual(Array.from(Buffer.from(entry.token)));
    }
  });

  it('streams chunks then [DONE]; the joined deltas equal the non-streamed content; no usage unless asked', async () => {
    const whole = await client.chat.completions.create({ model: 'gpt-4o', messages: USER });
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, stream: true });
    let text = '';
    let finish: string | null = null;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.object).toBe('chat.completion.chunk');
      expect(chunk.model).toBe('gpt-4o');
      expect(chunk.usage).toBeUndefined();
      text += chunk.choices[0].delta.content ?? '';
      finish = chunk.choices[0].finish_reason ?? finish;
    }
    expect(text).toBe(whole.choices[0].message.content);
    expect(finish).toBe('stop');
    expect(chunks).toBe(whole.usage!.completion_tokens + 2);
  });

  it('sends one final usage chunk (choices: []) when stream_options.include_usage is true', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, stream: true, stream_options: { include_usage: true }, max_tokens: 6 });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks[chunks.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ completion_tokens: 6, total_tokens: last.usage!.prompt_tokens + 6 });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks[chunks.length - 2].choices[0].finish_reason).toBe('length');
  });

  it('streams n choices interleaved by index', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: USER, stream: true, n: 2, max_tokens: 3 });
    const texts = ['', ''];
    for await (const chunk of stream) for (const c of chunk.choices) texts[c.index] += c.delta.content ?? '';
    expect(countTokens(texts[0])).toBe(3);
    expect(countTokens(texts[1])).toBe(3);
    expect(texts[0]).not.toBe(texts[1]);
  });

  it('rejects bad input with 400 in OpenAI error shape naming the field', async () => {
    const bad = async (body: Record<string, unknown>) => {
      const err = await client.chat.completions.create(body as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      return err as InstanceType<typeof OpenAI.BadRequestError>;
    };
    expect((await bad({ model: 'gpt-4o' })).param).toBe('messages');
    expect((await bad({ messages: USER })).param).toBe('model');
    expect((await bad({ model: 'gpt-4o', messages: [] })).param).toBe('messages');
    expect((await bad({ model: 'gpt-4o', messages: [{ role: 'robot', content: 'x' }] })).param).toBe('messages[0].role');
    expect((await bad({ model: 'gpt-4o', messages: USER, n: 0 })).param).toBe('n');
    expect((await bad({ model: 'gpt-4o', messages: USER, tool_choice: 'required' })).param).toBe('tool_choice');
    const e = await bad({ model: 'gpt-4o', messages: USER, max_tokens: -1 });
    expect(e.type).toBe('invalid_request_error');

    const raw = await fetch(`${sim.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"model": ' });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({ error: { message: expect.stringContaining('JSON'), type: 'invalid_request_error', param: null, code: null } });
  });

  it('answers 404 in OpenAI shape for an unknown path', async () => {
    const raw = await fetch(`${sim.url}/nope`);
    expect(raw.status).toBe(404);
    expect((await raw.json()).error.type).toBe('invalid_request_error');
  });
});
