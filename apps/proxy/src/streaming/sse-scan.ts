import type { TokenCounts } from '@switchyard/pricing';
import { usageObjectAt } from '../providers/openai/usage-sniff';
import { estimateTokenBytes } from '../usage/token-estimator';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;
const DONE = Buffer.from('[DONE]');
const STRING_FIELDS = [Buffer.from('"content":"'), Buffer.from('"arguments":"')];

/*
 * Events end at a blank line, LF or CRLF. Almost every provider writes LF, and a search
 * for a CRLF ending that is not there runs over the whole block — a large one when a
 * fast upstream sends a whole answer at once. So the CRLF search only runs when a CR
 * byte (one memchr) lies where it could change the answer.
 */

/** Index just past the last complete SSE event (a blank line), or -1. */
export function lastEventEnd(buf: Buffer): number {
  const lf = buf.lastIndexOf('\n\n');
  const lfEnd = lf < 0 ? -1 : lf + 2;
  if (buf.indexOf(CR, Math.max(lf, 0)) < 0) return lfEnd;
  const crlf = buf.lastIndexOf('\n\r\n');
  return Math.max(lfEnd, crlf < 0 ? -1 : crlf + 3);
}

/** Index just past the first event ending at or after `from`, or buf.length. */
export function nextEventEnd(buf: Buffer, from: number): number {
  const lf = buf.indexOf('\n\n', from);
  const cr = buf.indexOf(CR, from);
  const crlf = cr < 0 || (lf >= 0 && cr > lf) ? -1 : buf.indexOf('\r\n\r\n', cr);
  if (lf < 0 && crlf < 0) return buf.length;
  if (crlf < 0 || (lf >= 0 && lf < crlf)) return lf + 2;
  return crlf + 4;
}

/** Index where the event holding byte `at` starts (just after the previous blank line, or 0). */
export function eventStart(buf: Buffer, at: number): number {
  if (at <= 0) return 0;
  const lf = buf.lastIndexOf('\n\n', at - 1);
  const lfStart = lf < 0 ? 0 : lf + 2;
  const cr = buf.indexOf(CR, Math.max(lf, 0));
  if (cr < 0 || cr > at) return lfStart;
  const crlf = buf.lastIndexOf('\n\r\n', at - 1);
  return Math.max(lfStart, crlf < 0 ? 0 : crlf + 3);
}

const USAGE_OBJECT = '"usage":{';
const USAGE_OBJECT_SPACED = '"usage": {';

/**
 * Index of the last `"usage":{` (compact, or with one space as Python's json writes
 * it), or -1: a usage object, not `"usage":null`. The last, searched from the end: the
 * usage chunk is the last event before [DONE], so the search stops at once, and a
 * provider that reports running totals in every chunk is read at its latest.
 */
export function findUsageObject(buf: Buffer): number {
  const i = buf.lastIndexOf(USAGE_OBJECT);
  return i >= 0 ? i : buf.lastIndexOf(USAGE_OBJECT_SPACED);
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
