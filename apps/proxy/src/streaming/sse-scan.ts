import type { TokenCounts } from '@switchyard/pricing';
import { mapUsage } from '../providers/openai/usage';
import { estimateTokenBytes } from '../usage/token-estimator';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const DONE = Buffer.from('[DONE]');
const STRING_FIELDS = [Buffer.from('"content":"'), Buffer.from('"arguments":"')];

/** Index just past the last complete SSE event (a blank line), or -1. */
export function lastEventEnd(buf: Buffer): number {
  const lf = buf.lastIndexOf('\n\n');
  const crlf = buf.lastIndexOf('\n\r\n');
  return Math.max(lf < 0 ? -1 : lf + 2, crlf < 0 ? -1 : crlf + 3);
}

/** Index just past the first event ending at or after `from`, or buf.length. */
export function nextEventEnd(buf: Buffer, from: number): number {
  const lf = buf.indexOf('\n\n', from);
  const crlf = buf.indexOf('\r\n\r\n', from);
  if (lf < 0 && crlf < 0) return buf.length;
  if (crlf < 0 || (lf >= 0 && lf < crlf)) return lf + 2;
  return crlf + 4;
}

/** Index where the event holding byte `at` starts (just after the previous blank line, or 0). */
export function eventStart(buf: Buffer, at: number): number {
  if (at <= 0) return 0;
  const lf = buf.lastIndexOf('\n\n', at - 1);
  const crlf = buf.lastIndexOf('\n\r\n', at - 1);
  return Math.max(lf < 0 ? 0 : lf + 2, crlf < 0 ? 0 : crlf + 3);
}

const USAGE_OBJECT = Buffer.from('"usage":{');
const USAGE_OBJECT_SPACED = Buffer.from('"usage": {');

/** Index of `"usage":{` (compact or with one space), or -1: a usage object, not `"usage":null`. */
export function findUsageObject(buf: Buffer): number {
  const i = buf.indexOf(USAGE_OBJECT);
  return i >= 0 ? i : buf.indexOf(USAGE_OBJECT_SPACED);
}

/** Whether the bytes hold a usage object (not `"usage":null`). */
export function hasUsageObject(buf: Buffer): boolean {
  return findUsageObject(buf) >= 0;
}

/** Index where a `data: [DONE]` line starts, or -1. */
export function findDone(buf: Buffer): number {
  for (let i = buf.indexOf(DONE); i >= 0; i = buf.indexOf(DONE, i + 1)) {
    const line = buf.lastIndexOf(LF, i - 1) + 1;
    const prefix = buf.toString('latin1', line, i);
    if (prefix === 'data: ' || prefix === 'data:') return line;
  }
  return -1;
}

export function hasDone(buf: Buffer): boolean {
  return buf.indexOf(DONE) >= 0;
}

/** The JSON of an event's `data:` lines joined, or null for a comment-only event. */
export function eventData(event: Buffer): string | null {
  const text = event.toString('utf8');
  let data: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('data:')) continue;
    const value = line.charCodeAt(5) === 0x20 ? line.slice(6) : line.slice(5);
    data = data === null ? value : `${data}\n${value}`;
  }
  return data;
}

export interface UsageChunk {
  usage: TokenCounts;
  /** The chunk carries nothing else (no choices): it exists only because include_usage was asked for. */
  usageOnly: boolean;
}

/** Parses an event that carries a usage object; null if it does not parse. */
export function parseUsageEvent(event: Buffer): UsageChunk | null {
  const data = eventData(event);
  if (data === null) return null;
  try {
    const json = JSON.parse(data) as { usage?: unknown; choices?: unknown };
    const usage = mapUsage(json.usage);
    if (!usage) return null;
    return { usage, usageOnly: !Array.isArray(json.choices) || json.choices.length === 0 };
  } catch {
    return null;
  }
}

/**
 * Estimated tokens of the generated text in the bytes: every `"content":"…"` and
 * `"arguments":"…"` string, counted in place (no decoding, no allocation). Kept only
 * so a stream that never reports usage can still be billed.
 */
export function countGeneratedTokens(buf: Buffer): number {
  let tokens = 0;
  for (const key of STRING_FIELDS) {
    for (let i = buf.indexOf(key); i >= 0; ) {
      const start = i + key.length;
      let end = buf.indexOf(QUOTE, start);
      while (end > 0 && escaped(buf, end)) end = buf.indexOf(QUOTE, end + 1);
      if (end < 0) end = buf.length;
      tokens += estimateTokenBytes(buf, start, end);
      i = buf.indexOf(key, end + 1);
    }
  }
  return tokens;
}

function escaped(buf: Buffer, at: number): boolean {
  let n = 0;
  for (let k = at - 1; k >= 0 && buf[k] === BACKSLASH; k--) n++;
  return n % 2 === 1;
}
