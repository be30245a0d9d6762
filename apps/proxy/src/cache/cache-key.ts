import { createHash } from 'node:crypto';
import { canonicalJson } from '@switchyard/contracts';

/**
 * Request fields that cannot change the answer, left out of every cache key:
 * `model` (the key holds the model that serves instead — a bucket name and the
 * concrete model it picked are the same request), the transport (`stream`,
 * `stream_options`), and bookkeeping that providers do not feed to the model
 * (`user` — an end-user id for abuse monitoring, `metadata`, `store`). Everything
 * else — messages, tools, tool_choice, response_format, temperature, top_p,
 * max_tokens, seed, stop, n, logprobs, penalties, logit_bias, and any field this
 * list does not know — is part of the key: an unknown field is assumed to matter.
 */
export const FIELDS_THAT_DO_NOT_CHANGE_THE_ANSWER: ReadonlySet<string> = new Set(['model', 'stream', 'stream_options', 'user', 'metadata', 'store']);

const KEY_VERSION = 1;

/** OpenAI's default sampling temperature, for requests that send none. */
export const DEFAULT_TEMPERATURE = 1;

/**
 * The request as far as the answer depends on it: ignored fields dropped, and
 * top-level `null`s dropped too (the API treats an explicit null as "default").
 * Key order does not matter (canonical JSON sorts keys at every depth).
 */
export function canonicalRequest(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(body)) {
    const v = body[k];
    if (v === null || v === undefined || FIELDS_THAT_DO_NOT_CHANGE_THE_ANSWER.has(k)) continue;
    out[k] = v;
  }
  return out;
}

export function effectiveTemperature(body: Readonly<Record<string, unknown>>): number {
  return typeof body.temperature === 'number' ? body.temperature : DEFAULT_TEMPERATURE;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The exact-cache key: sha256 of (team, served model, canonical request). */
export function exactKey(team: string, modelId: string, canonical: Readonly<Record<string, unknown>>): string {
  return sha256(canonicalJson({ v: KEY_VERSION, team, model: modelId, request: canonical }));
}

/** What the semantic cache compares: the last user turn's text, inside a partition that must match exactly. */
export interface SemanticQuery {
  /** The text to embed. */
  text: string;
  /** Everything else of the request (system prompt, earlier turns, tools, parameters), hashed into the partition key. */
  rest: Record<string, unknown>;
}

/**
 * Splits a request for the semantic cache, or null when it has no place there: the
 * last message is not a user turn, or it holds something other than text (an
 * image cannot be compared by its words).
 */
export function semanticQuery(canonical: Readonly<Record<string, unknown>>): SemanticQuery | null {
  const messages = canonical.messages;
  if (!Array.isArray(messages) || messages.length === 0) return null;
  const last = messages[messages.length - 1] as Record<string, unknown>;
  if (typeof last !== 'object' || last === null || last.role !== 'user') return null;
  let text: string;
  if (typeof last.content === 'string') text = last.content;
  else if (Array.isArray(last.content)) {
    const parts: string[] = [];
    for (const p of last.content as Array<Record<string, unknown>>) {
      if (typeof p !== 'object' || p === null || p.type !== 'text' || typeof p.text !== 'string') return null;
      parts.push(p.text);
    }
    text = parts.join('\n');
  } else return null;
  if (text.trim() === '') return null;
  const { content: _content, ...lastRest } = last;
  return { text, rest: { ...canonical, messages: messages.slice(0, -1), last: lastRest } };
}

/**
 * The semantic partition: (team, served model, embedder, hash of everything but
 * the last user text). Only entries of one partition are compared, so a hit never
 * crosses teams, models, system prompts, tools or output parameters.
 */
export function partitionKey(team: string, modelId: string, embedderId: string, rest: Readonly<Record<string, unknown>>): string {
  return sha256(canonicalJson({ v: KEY_VERSION, team, model: modelId, embedder: embedderId, rest })).slice(0, 32);
}
