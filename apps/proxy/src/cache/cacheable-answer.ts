import type { TokenCounts } from '@switchyard/pricing';

/** A complete answer fit for the cache, or why it is not. */
export type Cacheable = { ok: true; payload: Buffer; toolCalls: boolean } | { ok: false; reason: 'incomplete' | 'not_a_completion' };

/** Finish reasons of an answer that ended on its own terms (a content filter's stop is not cached: it may not repeat). */
const COMPLETE = new Set(['stop', 'length', 'tool_calls', 'function_call']);

interface Choice {
  index: number;
  message?: { tool_calls?: unknown[] | null; function_call?: unknown } | null;
  finish_reason?: string | null;
}

function check(completion: { choices?: unknown }): { ok: boolean; toolCalls: boolean } {
  const choices = completion.choices;
  if (!Array.isArray(choices) || choices.length === 0) return { ok: false, toolCalls: false };
  let toolCalls = false;
  for (const c of choices as Choice[]) {
    if (typeof c !== 'object' || c === null || !COMPLETE.has(c.finish_reason ?? '')) return { ok: false, toolCalls };
    const m = c.message;
    if (c.finish_reason === 'tool_calls' || c.finish_reason === 'function_call' || (Array.isArray(m?.tool_calls) && m.tool_calls.length > 0) || (m?.function_call ?? null) !== null) {
      toolCalls = true;
    }
  }
  return { ok: true, toolCalls };
}

/** A non-streamed answer: the exact bytes the client got, if every choice finished. */
export function cacheableJson(payload: Buffer): Cacheable {
  let completion: { object?: unknown; choices?: unknown };
  try {
    completion = JSON.parse(payload.toString('utf8')) as typeof completion;
  } catch {
    return { ok: false, reason: 'not_a_completion' };
  }
  if (typeof completion !== 'object' || completion === null || completion.object !== 'chat.completion') return { ok: false, reason: 'not_a_completion' };
  const c = check(completion);
  return c.ok ? { ok: true, payload, toolCalls: c.toolCalls } : { ok: false, reason: 'incomplete' };
}

interface Acc {
  index: number;
  role: string;
  content: string | null;
  refusal: string | null;
  toolCalls: Map<number, { id?: string; type?: string; function: { name: string; arguments: string } }>;
  logprobs: { content: unknown[] | null; refusal: unknown[] | null } | null;
  finish: string | null;
}

/**
 * A streamed answer assembled back into the chat.completion it streamed: content,
 * refusals, tool calls (by index, arguments joined) and logprobs concatenated per
 * choice. Only a stream that reached `data: [DONE]` with every choice finished and
 * no error event qualifies — a cut or partial stream is never cached.
 */
export function cacheableSse(chunks: readonly Buffer[], usage: TokenCounts): Cacheable {
  const text = Buffer.concat(chunks as Buffer[]).toString('utf8');
  let done = false;
  let head: Record<string, unknown> | null = null;
  let reportedUsage: unknown = null;
  const choices = new Map<number, Acc>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]') {
      done = true;
      continue;
    }
    if (done) return { ok: false, reason: 'not_a_completion' };
    let chunk: Record<string, unknown>;
    try {
      chunk = JSON.parse(data) as Record<string, unknown>;
    } catch {
      return { ok: false, reason: 'not_a_completion' };
    }
    if (chunk.error !== undefined) return { ok: false, reason: 'incomplete' };
    head ??= chunk;
    if (chunk.usage) reportedUsage = chunk.usage;
    if (!Array.isArray(chunk.choices)) continue;
    for (const c of chunk.choices as Array<Record<string, unknown>>) merge(choices, c);
  }
  if (!done || head === null || choices.size === 0) return { ok: false, reason: 'incomplete' };
  const completion = {
    id: head.id,
    object: 'chat.completion',
    created: head.created,
    model: head.model,
    ...(head.service_tier !== undefined ? { service_tier: head.service_tier } : {}),
    system_fingerprint: head.system_fingerprint ?? null,
    choices: [...choices.values()].sort((a, b) => a.index - b.index).map(toChoice),
    usage: reportedUsage ?? {
      prompt_tokens: usage.promptTokens,
      completion_tokens: usage.completionTokens,
      total_tokens: usage.promptTokens + usage.completionTokens,
      ...(usage.cachedTokens > 0 ? { prompt_tokens_details: { cached_tokens: usage.cachedTokens } } : {}),
    },
  };
  const c = check(completion);
  return c.ok ? { ok: true, payload: Buffer.from(JSON.stringify(completion)), toolCalls: c.toolCalls } : { ok: false, reason: 'incomplete' };
}

function merge(choices: Map<number, Acc>, c: Record<string, unknown>): void {
  const index = typeof c.index === 'number' ? c.index : 0;
  let acc = choices.get(index);
  if (!acc) {
    acc = { index, role: 'assistant', content: null, refusal: null, toolCalls: new Map(), logprobs: null, finish: null };
    choices.set(index, acc);
  }
  const d = (c.delta ?? {}) as Record<string, unknown>;
  if (typeof d.role === 'string') acc.role = d.role;
  if (typeof d.content === 'string') acc.content = (acc.content ?? '') + d.content;
  if (typeof d.refusal === 'string') acc.refusal = (acc.refusal ?? '') + d.refusal;
  if (Array.isArray(d.tool_calls)) {
    for (const t of d.tool_calls as Array<Record<string, unknown>>) {
      const ti = typeof t.index === 'number' ? t.index : acc.toolCalls.size;
      let call = acc.toolCalls.get(ti);
      if (!call) acc.toolCalls.set(ti, (call = { function: { name: '', arguments: '' } }));
      if (typeof t.id === 'string') call.id = t.id;
      if (typeof t.type === 'string') call.type = t.type;
      const fn = (t.function ?? {}) as { name?: unknown; arguments?: unknown };
      if (typeof fn.name === 'string') call.function.name += fn.name;
      if (typeof fn.arguments === 'string') call.function.arguments += fn.arguments;
    }
  }
  const lp = c.logprobs as { content?: unknown; refusal?: unknown } | null | undefined;
  if (lp && typeof lp === 'object') {
    acc.logprobs ??= { content: null, refusal: null };
    if (Array.isArray(lp.content)) acc.logprobs.content = [...(acc.logprobs.content ?? []), ...(lp.content as unknown[])];
    if (Array.isArray(lp.refusal)) acc.logprobs.refusal = [...(acc.logprobs.refusal ?? []), ...(lp.refusal as unknown[])];
  }
  if (typeof c.finish_reason === 'string') acc.finish = c.finish_reason;
}

function toChoice(a: Acc): Record<string, unknown> {
  const message: Record<string, unknown> = { role: a.role, content: a.content, refusal: a.refusal };
  if (a.toolCalls.size > 0) {
    message.tool_calls = [...a.toolCalls.entries()].sort(([x], [y]) => x - y).map(([, t]) => ({ id: t.id, type: t.type ?? 'function', function: t.function }));
  }
  return { index: a.index, message, logprobs: a.logprobs, finish_reason: a.finish };
}
