import { BadRequest } from './http';

export interface ToolFunction {
  name: string;
  parameters: unknown;
}

export type ToolChoice = { kind: 'none' } | { kind: 'auto' } | { kind: 'required' } | { kind: 'named'; name: string };

export type ResponseFormat = { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; schema: unknown };

/** The fields of a chat request the simulator acts on; any other field is accepted and ignored. */
export interface ChatRequest {
  model: string;
  /** Text of each message (content parts, name, tool calls), in order. */
  messageTexts: string[];
  stream: boolean;
  includeUsage: boolean;
  n: number;
  maxTokens: number | null;
  tools: ToolFunction[];
  /** Token count of the tool definitions (they count toward the prompt). */
  toolTokensSource: string;
  toolChoice: ToolChoice;
  responseFormat: ResponseFormat;
  logprobs: boolean;
  topLogprobs: number;
  seed: number | null;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

function optionalInt(body: Record<string, unknown>, field: string, min: number, max: number): number | null {
  const v = body[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new BadRequest(`Invalid '${field}': expected an integer between ${min} and ${max}.`, field);
  }
  return v;
}

function optionalBool(body: Record<string, unknown>, field: string): boolean {
  const v = body[field];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new BadRequest(`Invalid '${field}': expected a boolean.`, field);
  return v;
}

function contentText(content: unknown, index: number): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) throw new BadRequest(`Invalid 'messages[${index}].content': expected a string or an array of content parts.`, `messages[${index}].content`);
  let text = '';
  for (const part of content) {
    if (typeof part !== 'object' || part === null) continue;
    const p = part as Record<string, unknown>;
    if (typeof p.text === 'string') text += (text ? ' ' : '') + p.text;
    else if (typeof p.refusal === 'string') text += (text ? ' ' : '') + p.refusal;
  }
  return text;
}

function messageText(raw: unknown, index: number): string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new BadRequest(`Invalid 'messages[${index}]': expected an object.`, `messages[${index}]`);
  const m = raw as Record<string, unknown>;
  if (typeof m.role !== 'string' || !ROLES.has(m.role)) {
    throw new BadRequest(`Invalid 'messages[${index}].role': expected one of ${[...ROLES].join(', ')}.`, `messages[${index}].role`);
  }
  let text = `${m.role}: ${contentText(m.content, index)}`;
  if (typeof m.name === 'string') text += ` ${m.name}`;
  if (Array.isArray(m.tool_calls)) {
    for (const call of m.tool_calls) {
      const fn = (call as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
      if (fn) text += ` ${String(fn.name)} ${String(fn.arguments)}`;
    }
  }
  return text;
}

function parseTools(raw: unknown): ToolFunction[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new BadRequest(`Invalid 'tools': expected an array.`, 'tools');
  return raw.map((tool, i) => {
    const fn = (tool as { function?: { name?: unknown; parameters?: unknown } } | null)?.function;
    if (!fn || typeof fn.name !== 'string' || fn.name === '') throw new BadRequest(`Invalid 'tools[${i}].function.name': expected a string.`, `tools[${i}].function.name`);
    return { name: fn.name, parameters: fn.parameters ?? { type: 'object', properties: {} } };
  });
}

function parseToolChoice(raw: unknown, tools: ToolFunction[]): ToolChoice {
  if (raw === undefined || raw === null) return { kind: tools.length > 0 ? 'auto' : 'none' };
  if (raw === 'none' || raw === 'auto' || raw === 'required') {
    if (raw === 'required' && tools.length === 0) throw new BadRequest(`Invalid 'tool_choice': "required" needs at least one tool in 'tools'.`, 'tool_choice');
    return { kind: raw };
  }
  const name = (raw as { function?: { name?: unknown } } | null)?.function?.name;
  if (typeof name !== 'string') throw new BadRequest(`Invalid 'tool_choice': expected "none", "auto", "required" or {type:"function", function:{name}}.`, 'tool_choice');
  if (!tools.some((t) => t.name === name)) throw new BadRequest(`Invalid 'tool_choice': function '${name}' is not in 'tools'.`, 'tool_choice');
  return { kind: 'named', name };
}

function parseResponseFormat(raw: unknown): ResponseFormat {
  if (raw === undefined || raw === null) return { type: 'text' };
  const type = (raw as { type?: unknown }).type;
  if (type === 'text' || type === 'json_object') return { type };
  if (type === 'json_schema') return { type, schema: (raw as { json_schema?: { schema?: unknown } }).json_schema?.schema ?? { type: 'object' } };
  throw new BadRequest(`Invalid 'response_format.type': expected "text", "json_object" or "json_schema".`, 'response_format.type');
}

/** Checks a chat request as OpenAI does (400 naming the field) and extracts what matters. */
export function parseChatRequest(body: Record<string, unknown>): ChatRequest {
  if (typeof body.model !== 'string' || body.model === '') throw new BadRequest(`Missing required parameter: 'model'.`, 'model');
  const messages = body.messages;
  if (messages === undefined) throw new BadRequest(`Missing required parameter: 'messages'.`, 'messages');
  if (!Array.isArray(messages) || messages.length === 0) throw new BadRequest(`Invalid 'messages': expected a non-empty array.`, 'messages');
  const tools = parseTools(body.tools);
  const streamOptions = body.stream_options as { include_usage?: unknown } | undefined | null;
  const stream = optionalBool(body, 'stream');
  if (streamOptions !== undefined && streamOptions !== null && !stream) {
    throw new BadRequest(`Invalid 'stream_options': only allowed when 'stream' is true.`, 'stream_options');
  }
  const logprobs = optionalBool(body, 'logprobs');
  const topLogprobs = optionalInt(body, 'top_logprobs', 0, 20) ?? 0;
  if (topLogprobs > 0 && !logprobs) throw new BadRequest(`Invalid 'top_logprobs': 'logprobs' must be true.`, 'top_logprobs');
  return {
    model: body.model,
    messageTexts: messages.map(messageText),
    stream,
    includeUsage: stream && streamOptions?.include_usage === true,
    n: optionalInt(body, 'n', 1, 128) ?? 1,
    maxTokens: optionalInt(body, 'max_completion_tokens', 1, 1_000_000) ?? optionalInt(body, 'max_tokens', 1, 1_000_000),
    tools,
    toolTokensSource: tools.length > 0 ? JSON.stringify(body.tools) : '',
    toolChoice: parseToolChoice(body.tool_choice, tools),
    responseFormat: parseResponseFormat(body.response_format),
    logprobs,
    topLogprobs,
    seed: optionalInt(body, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  };
}
