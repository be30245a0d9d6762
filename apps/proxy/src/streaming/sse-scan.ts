import type { TokenCounts } from '@switchyard/pricing';
import { usageObjectAt } from '../providers/openai/usage-sniff';
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

export interface UsageChunk {
  usage: TokenCounts;
  /** The chunk carries nothing else (no choices): it exists only because include_usage was asked for. */
  usageOnly: boolean;
}

const EMPTY_CHOICES = [Buffer.from('"choices":[]'), Buffer.from('"choices": []')];

/**
 * The usage in an event whose usage object's key starts at `usageAt` (only that
 * object is parsed), and whether the event carries nothing else (empty `choices`: the
 * chunk exists only because include_usage was asked for). Null if it does not parse.
 */
export function parseUsageEvent(event: Buffer, usageAt = findUsageObject(event)): UsageChunk | null {
  if (usageAt < 0) return null;
  const usage = usageObjectAt(event, usageAt);
  if (!usage) return null;
  const usageOnly = event.indexOf(EMPTY_CHOICES[0]) >= 0 || event.indexOf(EMPTY_CHOICES[1]) >= 0 || event.indexOf('"choices"') < 0;
  return { usage, usageOnly };
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
