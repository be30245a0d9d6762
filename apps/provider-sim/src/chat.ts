import type { ChatRequest, ToolFunction } from './chat-request';
import type { FaultSettings } from './config';
import { fnv1a, mix, mulberry32, type Rng } from './random';
import { valueFromSchema } from './schema-values';
import { countTokens, generatePieces, splitTokens } from './text';

export interface GeneratedChoice {
  /** Content pieces, or the tool call's argument pieces. */
  pieces: string[];
  toolCall: { id: string; name: string } | null;
  finishReason: 'stop' | 'length' | 'tool_calls';
}

export interface Completion {
  id: string;
  created: number;
  model: string;
  choices: GeneratedChoice[];
  usage: Usage;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: { reasoning_tokens: number; audio_tokens: number; accepted_prediction_tokens: number; rejected_prediction_tokens: number };
}

// Unique enough within and across runs, and far cheaper than a random UUID.
const ID_PREFIX = Date.now().toString(36);
let idCounter = 0;
export function nextId(prefix: string): string {
  return `${prefix}${ID_PREFIX}${(++idCounter).toString(36)}`;
}

export function makeUsage(prompt: number, completion: number, cached: number): Usage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: Math.min(cached, prompt), audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

/** The tool to call, or null for a text answer. "auto" calls a tool the last message names. */
function chooseTool(req: ChatRequest, h: number): ToolFunction | null {
  const choice = req.toolChoice;
  if (choice.kind === 'named') return req.tools.find((t) => t.name === choice.name) ?? null;
  if (choice.kind === 'required') return req.tools[h % req.tools.length];
  if (choice.kind === 'auto') {
    const last = req.messageTexts[req.messageTexts.length - 1].toLowerCase();
    return req.tools.find((t) => last.includes(t.name.toLowerCase())) ?? null;
  }
  return null;
}

function hex(rng: Rng, length: number): string {
  let s = '';
  while (s.length < length) s += Math.floor(rng() * 0x100000000).toString(36);
  return s.slice(0, length);
}

function generateChoice(req: ChatRequest, h: number, index: number, target: number): GeneratedChoice {
  const rng = mulberry32(mix(h, index + 1));
  const tool = chooseTool(req, h);
  let pieces: string[];
  let toolCall: GeneratedChoice['toolCall'] = null;
  if (tool) {
    toolCall = { id: `call_${hex(rng, 24)}`, name: tool.name };
    pieces = splitTokens(JSON.stringify(valueFromSchema(tool.parameters, rng)));
  } else if (req.responseFormat.type === 'json_object') {
    pieces = splitTokens(JSON.stringify({ answer: generatePieces(rng, Math.max(4, target - 8)).join(''), confidence: Math.round(rng() * 100) / 100 }));
  } else if (req.responseFormat.type === 'json_schema') {
    pieces = splitTokens(JSON.stringify(valueFromSchema(req.responseFormat.schema, rng)));
  } else {
    pieces = generatePieces(rng, target);
  }
  let finishReason: GeneratedChoice['finishReason'] = toolCall ? 'tool_calls' : 'stop';
  if (req.maxTokens !== null && pieces.length > req.maxTokens) {
    pieces = pieces.slice(0, req.maxTokens);
    finishReason = 'length';
  }
  return { pieces, toolCall, finishReason };
}

/**
 * The answer as a function of (seed, model, messages, output options): the same request
 * gives the same content; a different prompt gives a different one.
 */
export function generateCompletion(req: ChatRequest, s: FaultSettings): Completion {
  let h = fnv1a(req.model, req.seed === null ? 0x811c9dc5 : mix(0x811c9dc5, req.seed));
  let promptTokens = 3;
  for (const text of req.messageTexts) {
    h = mix(fnv1a(text, h), text.length);
    promptTokens += 4 + countTokens(text);
  }
  if (req.toolTokensSource) {
    h = fnv1a(req.toolTokensSource, h);
    promptTokens += countTokens(req.toolTokensSource);
  }
  const target = s.completionTokens > 0 ? s.completionTokens : 16 + (h % 48);
  const choices: GeneratedChoice[] = new Array(req.n);
  let completionTokens = 0;
  for (let i = 0; i < req.n; i++) {
    const choice = generateChoice(req, h, i, target);
    completionTokens += choice.pieces.length + (choice.toolCall ? countTokens(choice.toolCall.name) : 0);
    choices[i] = choice;
  }
  return {
    id: nextId('chatcmpl-'),
    created: Math.floor(Date.now() / 1000),
    model: req.model,
    choices,
    usage: makeUsage(promptTokens, completionTokens, s.cachedTokens),
  };
}

const ALTERNATES = [' the', ' a', ' and', ' to', ' of', ' in', ' it', ' is', '.', ','];

/** A plausible logprobs entry for one piece (deterministic from the piece). */
export function logprobEntry(token: string, top: number): unknown {
  const h = fnv1a(token);
  const logprob = -((h % 1500) / 1000) - 0.0001;
  const entry = { token, logprob, bytes: Array.from(Buffer.from(token)), top_logprobs: [] as unknown[] };
  if (top > 0) {
    entry.top_logprobs.push({ token, logprob, bytes: entry.bytes });
    for (let k = 1; k < top; k++) {
      const alt = ALTERNATES[(h + k) % ALTERNATES.length];
      entry.top_logprobs.push({ token: alt, logprob: logprob - k * 0.7, bytes: Array.from(Buffer.from(alt)) });
    }
  }
  return entry;
}

/** The `chat.completion` JSON body. */
export function completionBody(c: Completion, req: ChatRequest, omitUsage: boolean): string {
  const choices = c.choices.map((choice, index) => {
    const joined = choice.pieces.join('');
    const message = choice.toolCall
      ? { role: 'assistant', content: null, tool_calls: [{ id: choice.toolCall.id, type: 'function', function: { name: choice.toolCall.name, arguments: joined } }], refusal: null, annotations: [] }
      : { role: 'assistant', content: joined, refusal: null, annotations: [] };
    const logprobs = req.logprobs ? { content: choice.pieces.map((p) => logprobEntry(p, req.topLogprobs)), refusal: null } : null;
    return { index, message, logprobs, finish_reason: choice.finishReason };
  });
  const body: Record<string, unknown> = {
    id: c.id,
    object: 'chat.completion',
    created: c.created,
    model: c.model,
    choices,
    service_tier: 'default',
    system_fingerprint: 'fp_sim',
  };
  if (!omitUsage) body.usage = c.usage;
  return JSON.stringify(body);
}

/** Time a non-streamed answer takes to generate at `tokensPerSecond`. */
export function generationMs(c: Completion, s: FaultSettings): number {
  return s.tokensPerSecond > 0 ? (c.usage.completion_tokens / s.tokensPerSecond) * 1000 : 0;
}
