import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCompletionAsSse } from './cache-replay';
import { cacheableJson, cacheableSse } from './cacheable-answer';

const usage = { promptTokens: 12, completionTokens: 5, cachedTokens: 0 };
const event = (o: unknown) => Buffer.from(`data: ${JSON.stringify(o)}\n\n`);
const head = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', system_fingerprint: 'fp' };

describe('cacheable answers', () => {
  it('accepts a finished JSON completion as its exact bytes, and flags tool calls', () => {
    // The provider fixture answers with a tool call.
    const payload = readFileSync(join(__dirname, '../providers/openai/fixtures/chat-completion.json'));
    expect(cacheableJson(payload)).toEqual({ ok: true, payload, toolCalls: true });
    const text = Buffer.from(JSON.stringify({ object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }] }));
    expect(cacheableJson(text)).toEqual({ ok: true, payload: text, toolCalls: false });
  });

  it('refuses unfinished, filtered or foreign JSON', () => {
    const choice = (finish: string | null) => Buffer.from(JSON.stringify({ object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'x' }, finish_reason: finish }] }));
    expect(cacheableJson(choice(null))).toEqual({ ok: false, reason: 'incomplete' });
    expect(cacheableJson(choice('content_filter'))).toEqual({ ok: false, reason: 'incomplete' });
    expect(cacheableJson(Buffer.from('{"error":{"message":"rate limited"}}'))).toEqual({ ok: false, reason: 'not_a_completion' });
    expect(cacheableJson(Buffer.from('not json'))).toEqual({ ok: false, reason: 'not_a_completion' });
  });

  it('assembles a finished stream into the completion it streamed (content, tool calls, logprobs, two choices)', () => {
    const chunks = [
      event({ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
      event({ ...head, choices: [{ index: 1, delta: { role: 'assistant', content: 'B' }, logprobs: { content: [{ token: 'B', logprob: -1 }] }, finish_reason: null }] }),
      event({ ...head, choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] }),
      event({ ...head, choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: null }] }),
      event({ ...head, choices: [{ index: 1, delta: {}, logprobs: { content: [{ token: '!', logprob: -2 }] }, finish_reason: 'length' }] }),
      event({ ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
      Buffer.from(': x-switchyard-cost-usd: 0.000001\n\ndata: [DONE]\n\n'),
    ];
    const r = cacheableSse(chunks, usage);
    if (!r.ok) throw new Error(r.reason);
    const c = JSON.parse(r.payload.toString()) as { object: string; choices: Array<{ message: { content: string }; finish_reason: string; logprobs: { content: unknown[] } | null }>; usage: unknown };
    expect(c.object).toBe('chat.completion');
    expect(c.choices.map((x) => x.message.content)).toEqual(['Hello', 'B']);
    expect(c.choices.map((x) => x.finish_reason)).toEqual(['stop', 'length']);
    expect(c.choices[1].logprobs!.content).toHaveLength(2);
    expect(c.usage).toEqual({ prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 });
  });

  it('joins streamed tool-call arguments, and a replay of the result streams the same content', () => {
    const chunks = [
      event({ ...head, choices: [{ index: 0, delta: { role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '' } }] }, finish_reason: null }] }),
      event({ ...head, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"id":' } }] }, finish_reason: null }] }),
      event({ ...head, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '42}' } }] }, finish_reason: null }] }),
      event({ ...head, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }),
      Buffer.from('data: [DONE]\n\n'),
    ];
    const r = cacheableSse(chunks, usage);
    if (!r.ok) throw new Error(r.reason);
    expect(r.toolCalls).toBe(true);
    const written: string[] = [];
    writeCompletionAsSse({ write: (s: string) => written.push(s) } as never, r.payload, false);
    const args = written
      .filter((l) => l.startsWith('data: {'))
      .flatMap((l) => (JSON.parse(l.slice(6)) as { choices: Array<{ delta: { tool_calls?: Array<{ function: { arguments: string } }> } }> }).choices)
      .map((c) => c.delta.tool_calls?.[0]?.function.arguments ?? '')
      .join('');
    expect(args).toBe('{"id":42}');
    expect(written.at(-1)).toBe('data: [DONE]\n\n');
  });

  it('never accepts a cut stream, an error event or a choice left unfinished', () => {
    const content = event({ ...head, choices: [{ index: 0, delta: { content: 'partial' }, finish_reason: null }] });
    const finish = event({ ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
    const done = Buffer.from('data: [DONE]\n\n');
    expect(cacheableSse([content, finish], usage)).toEqual({ ok: false, reason: 'incomplete' });
    expect(cacheableSse([content, done], usage)).toEqual({ ok: false, reason: 'incomplete' });
    expect(cacheableSse([content, event({ error: { message: 'broke off' } }), done], usage)).toEqual({ ok: false, reason: 'incomplete' });
    expect(cacheableSse([content, finish, done], usage).ok).toBe(true);
  });
});
