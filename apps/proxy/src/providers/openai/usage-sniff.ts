import type { TokenCounts } from '@switchyard/pricing';
import { mapUsage } from './usage';

const USAGE = Buffer.from('"usage":');

function firstNonSpace(buf: Buffer, from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < buf.length; i += step) {
    const b = buf[i];
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return i;
  }
  return -1;
}

/**
 * The `usage` of a non-streaming answer without parsing the whole body: the last
 * `"usage":` followed by an object (OpenAI puts it last; inside a JSON string the
 * quotes would be escaped, so a match is a real key), cut out by brace matching and
 * parsed alone. Undefined when the body does not look like one complete JSON object or
 * has no usage object — the caller then parses the body in full (and a body that
 * does not parse is a failed attempt).
 */
export function sniffUsage(buf: Buffer): TokenCounts | undefined {
  const first = firstNonSpace(buf, 0, 1);
  const last = firstNonSpace(buf, buf.length - 1, -1);
  if (first < 0 || buf[first] !== 0x7b || buf[last] !== 0x7d) return undefined;
  const key = buf.lastIndexOf(USAGE);
  if (key < 0) return undefined;
  return usageObjectAt(buf, key);
}

/**
 * The usage object whose `"usage":` key starts at `key` (brace-matched and parsed
 * alone), or undefined when what follows is not a complete object with token counts.
 */
export function usageObjectAt(buf: Buffer, key: number): TokenCounts | undefined {
  const open = firstNonSpace(buf, key + USAGE.length, 1);
  if (open < 0 || buf[open] !== 0x7b) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = open; i < buf.length; i++) {
    const b = buf[i];
    if (inString) {
      if (b === 0x5c) i++;
      else if (b === 0x22) inString = false;
    } else if (b === 0x22) inString = true;
    else if (b === 0x7b) depth++;
    else if (b === 0x7d && --depth === 0) return readCounts(buf, open, i + 1);
  }
  return undefined;
}

const PROMPT = Buffer.from('"prompt_tokens":');
const COMPLETION = Buffer.from('"completion_tokens":');
const CACHED = Buffer.from('"cached_tokens":');

/**
 * The integer after `key` inside [from, to): undefined when the key is absent, 0 when
 * the value is not a plain non-negative integer (null, a fraction, a negative number),
 * as mapUsage would count it.
 */
function intAfter(buf: Buffer, from: number, to: number, key: Buffer): number | undefined {
  const at = buf.indexOf(key, from);
  if (at < 0 || at >= to) return undefined;
  let i = at + key.length;
  while (buf[i] === 0x20) i++;
  let n = 0;
  let digits = 0;
  for (; i < to && buf[i] >= 0x30 && buf[i] <= 0x39; i++, digits++) n = n * 10 + (buf[i] - 0x30);
  const next = buf[i];
  if (digits === 0 || next === 0x2e || next === 0x65 || next === 0x45 || !Number.isSafeInteger(n)) return 0;
  return n;
}

/**
 * Token counts of the usage object in [open, end): the three numbers read in place; a
 * usage object written unusually (spaces before a colon, …) is parsed as JSON instead.
 */
function readCounts(buf: Buffer, open: number, end: number): TokenCounts | undefined {
  const prompt = intAfter(buf, open, end, PROMPT);
  const completion = intAfter(buf, open, end, COMPLETION);
  if (prompt !== undefined || completion !== undefined) {
    return { promptTokens: prompt ?? 0, completionTokens: completion ?? 0, cachedTokens: intAfter(buf, open, end, CACHED) ?? 0 };
  }
  try {
    return mapUsage(JSON.parse(buf.toString('utf8', open, end))) ?? undefined;
  } catch {
    return undefined;
  }
}
