import { canonicalRequest, effectiveTemperature, exactKey, partitionKey, semanticQuery } from './cache-key';

const base = {
  model: 'bulk',
  messages: [
    { role: 'system', content: 'You write product copy.' },
    { role: 'user', content: 'Describe the Acme X200 blender.' },
  ],
  temperature: 0.2,
  max_tokens: 200,
};
const key = (body: Record<string, unknown>, team = 'growth', model = 'deepseek-ai/DeepSeek-V4-Flash') => exactKey(team, model, canonicalRequest(body));

describe('exact cache key', () => {
  it('is the same for the same request whatever the key order, transport or end-user id', () => {
    const reordered = { max_tokens: 200, temperature: 0.2, messages: base.messages, model: 'bulk' };
    expect(key(reordered)).toBe(key(base));
    expect(key({ ...base, stream: true, stream_options: { include_usage: true } })).toBe(key(base));
    expect(key({ ...base, user: 'end-user-42', metadata: { run: 'a' }, store: false })).toBe(key(base));
    // An explicit null is the API's default.
    expect(key({ ...base, seed: null })).toBe(key(base));
    // The requested name does not matter: the served model does.
    expect(key({ ...base, model: 'deepseek-ai/DeepSeek-V4-Flash' })).toBe(key(base));
  });

  it.each([
    ['messages', { messages: [...base.messages.slice(0, 1), { role: 'user', content: 'Describe the Acme X300 blender.' }] }],
    ['temperature', { temperature: 0.3 }],
    ['top_p', { top_p: 0.9 }],
    ['max_tokens', { max_tokens: 201 }],
    ['max_completion_tokens', { max_completion_tokens: 200 }],
    ['seed', { seed: 7 }],
    ['stop', { stop: ['\n'] }],
    ['n', { n: 2 }],
    ['logprobs', { logprobs: true }],
    ['top_logprobs', { top_logprobs: 2 }],
    ['presence_penalty', { presence_penalty: 0.5 }],
    ['frequency_penalty', { frequency_penalty: 0.5 }],
    ['logit_bias', { logit_bias: { '50256': -100 } }],
    ['tools', { tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }],
    ['tool_choice', { tool_choice: 'required' }],
    ['response_format', { response_format: { type: 'json_object' } }],
    ['parallel_tool_calls', { parallel_tool_calls: false }],
    ['an unknown field (assumed to matter)', { reasoning_effort: 'high' }],
  ])('changes with %s', (_name, change) => {
    expect(key({ ...base, ...change })).not.toBe(key(base));
  });

  it('is partitioned by team and by served model', () => {
    expect(key(base, 'support')).not.toBe(key(base));
    expect(key(base, 'growth', 'openai/gpt-4o')).not.toBe(key(base));
    expect(key(base)).toMatch(/^[a-f0-9]{64}$/);
  });

  it('takes OpenAI\'s default temperature of 1 when none is sent', () => {
    expect(effectiveTemperature({})).toBe(1);
    expect(effectiveTemperature({ temperature: 0 })).toBe(0);
  });
});

describe('semantic query and partition', () => {
  it('embeds the last user turn and partitions by everything else', () => {
    const q = semanticQuery(canonicalRequest(base))!;
    expect(q.text).toBe('Describe the Acme X200 blender.');
    const other = semanticQuery(canonicalRequest({ ...base, messages: [base.messages[0], { role: 'user', content: 'Please describe the Acme X200 blender' }] }))!;
    const p = (x: typeof q, team = 'growth', model = 'm') => partitionKey(team, model, 'local-v1', x.rest);
    expect(p(other)).toBe(p(q));
    expect(p(q, 'support')).not.toBe(p(q));
    expect(p(q, 'growth', 'other-model')).not.toBe(p(q));
    expect(partitionKey('growth', 'm', 'model:x', q.rest)).not.toBe(p(q));
    const system = semanticQuery(canonicalRequest({ ...base, messages: [{ role: 'system', content: 'Answer in French.' }, base.messages[1]] }))!;
    expect(p(system)).not.toBe(p(q));
    const hotter = semanticQuery(canonicalRequest({ ...base, temperature: 0.9 }))!;
    expect(p(hotter)).not.toBe(p(q));
  });

  it('joins text parts, and has no semantic query for images, empty text or a last turn that is not the user\'s', () => {
    expect(semanticQuery(canonicalRequest({ messages: [{ role: 'user', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] }] }))!.text).toBe('a\nb');
    expect(semanticQuery(canonicalRequest({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }))).toBeNull();
    expect(semanticQuery(canonicalRequest({ messages: [{ role: 'user', content: '  ' }] }))).toBeNull();
    expect(semanticQuery(canonicalRequest({ messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] }))).toBeNull();
  });
});
