import type { TokenCounts } from '@switchyard/pricing';
import { mapUsage } from '../providers/openai/usage';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const USAGE_KEY = Buffer.from('"usage"');
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
  for (let i = from; i < buf.length; i++) {
    if (buf[i] !== LF) continue;
    if (buf[i + 1] === LF) return i + 2;
    if (buf[i + 1] === 0x0d && buf[i + 2] === LF) return i + 3;
  }
  return buf.length;
}

/** Whether the bytes hold `"usage":` followed by an object (not `null`). */
export function hasUsageObject(buf: Buffer): boolean {
  for (let i = buf.indexOf(USAGE_KEY); i >= 0; i = buf.indexOf(USAGE_KEY, i + USAGE_KEY.length)) {
    let j = i + USAGE_KEY.length;
    while (buf[j] === 0x20) j++;
    if (buf[j] !== 0x3a) continue;
    j++;
    while (buf[j] === 0x20) j++;
    if (buf[j] === 0x7b) return true;
  }
  return false;
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
 * Appends the raw (still JSON-escaped) text of every `"content":"…"` and
 * `"arguments":"…"` string in the bytes: the generated text, kept only so a stream
 * without usage can still be counted. No JSON parsing on the hot path.
 */
export function collectGeneratedText(buf: Buffer, into: string[]): void {
  for (const key of STRING_FIELDS) {
    for (let i = buf.indexOf(key); i >= 0; ) {
      const start = i + key.length;
      let end = start;
      while (end < buf.length && !(buf[end] === QUOTE && !escaped(buf, end))) end++;
      if (end > start) into.push(buf.toString('utf8', start, end));
      i = buf.indexOf(key, end + 1);
    }
  }
}

function escaped(buf: Buffer, at: number): boolean {
  let n = 0;
  for (let k = at - 1; k >= 0 && buf[k] === BACKSLASH; k--) n++;
  return n % 2 === 1;
}

/** Decodes the collected JSON-escaped pieces into text. */
export function decodePieces(pieces: string[]): string {
  let out = '';
  for (const p of pieces) {
    try {
      out += JSON.parse(`"${p}"`) as string;
    } catch {
      out += p;
    }
  }
  return out;
}
