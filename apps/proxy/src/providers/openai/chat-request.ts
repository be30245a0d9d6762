import { errors } from '../../http/openai-error';

/** What the proxy needs from a chat request; everything else rides along in `body`. */
export interface ChatRequest {
  body: Record<string, unknown>;
  /** The `model` the client sent ('' when none). */
  model: string;
  stream: boolean;
  user: string | null;
  /** The client asked for the final usage chunk itself (so it must not be removed from the stream). */
  clientWantsStreamUsage: boolean;
  temperature: number | null;
}

/** Parses and checks a chat request with OpenAI's wording, naming the offending field. */
export function parseChatRequest(raw: Buffer): ChatRequest {
  const body = parseJsonObject(raw);
  const messages = body.messages;
  if (messages === undefined) throw errors.badRequest("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  if (!Array.isArray(messages)) throw errors.badRequest("Invalid type for 'messages': expected an array of message objects.", 'messages', 'invalid_type');
  if (messages.length === 0) throw errors.badRequest("Invalid 'messages': empty array. Expected an array with minimum length 1.", 'messages', 'empty_array');
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as unknown;
    if (typeof m !== 'object' || m === null || Array.isArray(m)) {
      throw errors.badRequest(`Invalid type for 'messages[${i}]': expected an object.`, `messages[${i}]`, 'invalid_type');
    }
  }
  const model = optionalString(body, 'model');
  const stream = body.stream;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    throw errors.badRequest("Invalid type for 'stream': expected a boolean.", 'stream', 'invalid_type');
  }
  const user = optionalString(body, 'user');
  const opts = body.stream_options as { include_usage?: unknown } | null | undefined;
  const temperature = typeof body.temperature === 'number' ? body.temperature : null;
  return {
    body,
    model,
    stream: stream === true,
    user: user === '' ? null : user,
    clientWantsStreamUsage: typeof opts === 'object' && opts !== null && opts.include_usage === true,
    temperature,
  };
}

/**
 * The body sent upstream: the client's, with `model` set to the provider's name for
 * the model and, for streams, `stream_options.include_usage` turned on so the
 * provider reports the tokens it billed. One shallow copy and one stringify.
 */
export function toUpstreamChat(req: ChatRequest, upstreamModel: string): string {
  const out: Record<string, unknown> = { ...req.body, model: upstreamModel };
  if (!req.stream) return JSON.stringify(out);
  const opts = req.body.stream_options;
  // The usual stream request has no stream_options: the key is appended to the text (the
  // body always holds `messages`, so a comma goes first), which costs half of
  // stringifying an object with one key more.
  if (opts === undefined) return `${JSON.stringify(out).slice(0, -1)},"stream_options":{"include_usage":true}}`;
  out.stream_options = typeof opts === 'object' && opts !== null ? { ...(opts as object), include_usage: true } : { include_usage: true };
  return JSON.stringify(out);
}

export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw errors.badRequest(
      `We could not parse the JSON body of your request (${(err as Error).message}). The OpenAI API expects a JSON payload.`,
      null,
      'invalid_json',
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.badRequest('The request body must be a JSON object.', null, 'invalid_json');
  }
  return body as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw errors.badRequest(`Invalid type for '${field}': expected a string.`, field, 'invalid_type');
  return v;
}
