import { ProxyError } from '../../http/openai-error';
import { parseChatRequest, toUpstreamChat } from './chat-request';
import { parseEmbeddingsRequest, toUpstreamEmbeddings } from './embeddings-request';

const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

function errorOf(fn: () => unknown): ProxyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProxyError) return e;
    throw e;
  }
  throw new Error('expected a ProxyError');
}

describe('OpenAI chat request transform', () => {
  const request = {
    model: 'bulk',
    messages: [{ role: 'user', content: 'hi' }],
    tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
    tool_choice: 'auto',
    response_format: { type: 'json_object' },
    temperature: 0.2,
    seed: 4,
    user: 'u-1',
    logprobs: true,
    n: 2,
    some_future_field: { nested: [1, 2, 3] },
  };

  it('rewrites only the model and keeps every other field as sent', () => {
    const chat = parseChatRequest(buf(request));
    expect(chat).toMatchObject({ model: 'bulk', stream: false, user: 'u-1', temperature: 0.2, clientWantsStreamUsage: false });
    const upstream = JSON.parse(toUpstreamChat(chat, 'DeepSeek-V4-Flash')) as Record<string, unknown>;
    expect(upstream).toEqual({ ...request, model: 'DeepSeek-V4-Flash' });
    // The parsed client body is not modified (the next fallback builds from it again).
    expect(chat.body.model).toBe('bulk');
  });

  it('turns on stream_options.include_usage for streams, keeping other stream options', () => {
    const chat = parseChatRequest(buf({ ...request, stream: true, stream_options: { include_obfuscation: false } }));
    const upstream = JSON.parse(toUpstreamChat(chat, 'x')) as Record<string, unknown>;
    expect(upstream.stream_options).toEqual({ include_obfuscation: false, include_usage: true });
    expect(chat.clientWantsStreamUsage).toBe(false);
    expect(parseChatRequest(buf({ ...request, stream: true, stream_options: { include_usage: true } })).clientWantsStreamUsage).toBe(true);
    expect(JSON.parse(toUpstreamChat(parseChatRequest(buf({ ...request, stream: true })), 'x'))).toEqual({ ...request, stream: true, model: 'x', stream_options: { include_usage: true } });
    expect(JSON.parse(toUpstreamChat(parseChatRequest(buf({ messages: [{ role: 'user', content: 'hi' }], stream: true })), 'x'))).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      model: 'x',
      stream_options: { include_usage: true },
    });
    expect(JSON.parse(toUpstreamChat(parseChatRequest(buf({ ...request, stream: true, stream_options: null })), 'x')).stream_options).toEqual({ include_usage: true });
  });

  it('refuses bad input with OpenAI wording and the field named', () => {
    expect(errorOf(() => parseChatRequest(buf('{nope')))).toMatchObject({ status: 400, code: 'invalid_json', param: null });
    expect(errorOf(() => parseChatRequest(buf('"text"')))).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(errorOf(() => parseChatRequest(buf({ model: 'x' })))).toMatchObject({ status: 400, param: 'messages', message: "Missing required parameter: 'messages'." });
    expect(errorOf(() => parseChatRequest(buf({ messages: {} })))).toMatchObject({ param: 'messages', code: 'invalid_type' });
    expect(errorOf(() => parseChatRequest(buf({ messages: ['hi'] })))).toMatchObject({ param: 'messages[0]' });
    expect(errorOf(() => parseChatRequest(buf({ messages: [{}], model: 1 })))).toMatchObject({ param: 'model' });
    expect(errorOf(() => parseChatRequest(buf({ messages: [{}], user: 5 })))).toMatchObject({ param: 'user' });
  });

  it('accepts a request without a model (routed by key, rules or default bucket)', () => {
    expect(parseChatRequest(buf({ messages: [{ role: 'user', content: 'x' }] })).model).toBe('');
  });
});

describe('OpenAI embeddings request transform', () => {
  it('rewrites only the model', () => {
    const req = parseEmbeddingsRequest(buf({ model: 'openai/text-embedding-3-small', input: ['a', 'b'], dimensions: 64, encoding_format: 'base64' }));
    expect(JSON.parse(toUpstreamEmbeddings(req, 'text-embedding-3-small'))).toEqual({ model: 'text-embedding-3-small', input: ['a', 'b'], dimensions: 64, encoding_format: 'base64' });
  });

  it('requires input', () => {
    expect(errorOf(() => parseEmbeddingsRequest(buf({ model: 'm' })))).toMatchObject({ param: 'input', code: 'missing_required_parameter' });
    expect(errorOf(() => parseEmbeddingsRequest(buf({ input: [] })))).toMatchObject({ param: 'input' });
  });
});
