/**
 * A small tokenizer for the rare answer that arrives without usage (a provider that
 * ignores `include_usage`, a stream cut short). It splits text the way GPT-style BPE
 * pre-tokenizers do (words with their leading space, digit groups, punctuation runs)
 * and charges long pieces by length: roughly the four characters per token BPE gives
 * English prose and code, not an exact count — events counted with it are flagged
 * `usageEstimated`.
 */
const PIECE = /'(?:s|t|re|ve|m|ll|d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;
/** Scripts written without spaces: about one token per character. */
const DENSE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  let tokens = 0;
  PIECE.lastIndex = 0;
  for (let m = PIECE.exec(text); m !== null; m = PIECE.exec(text)) {
    const piece = m[0];
    if (DENSE.test(piece)) {
      tokens += piece.length;
      continue;
    }
    const core = piece.trimStart().length || 1;
    // Common words are one token; longer ones split roughly every six characters, punctuation runs every three.
    tokens += /[\p{L}\p{N}]/u.test(piece) ? Math.ceil(core / 6) : Math.ceil(core / 3);
  }
  return tokens;
}

/** Prompt tokens of a chat request: text plus OpenAI's per-message framing (3 per message, 3 to prime the reply). */
export function estimatePromptTokens(text: string, messages: number): number {
  return estimateTokens(text) + 3 * messages + 3;
}

/**
 * The same estimate made on raw UTF-8 bytes (a JSON string's contents as they sit in
 * an SSE chunk), without decoding or allocating: used on the streaming hot path. A
 * letter run costs one token per six bytes, a digit run one per three, other symbols
 * one per three, and a 3- or 4-byte character (CJK and the like) one each. JSON
 * escapes count as symbols.
 */
export function estimateTokenBytes(buf: Uint8Array, start: number, end: number): number {
  let tokens = 0;
  let run = 0;
  let kind = 0; // 0 none, 1 letters, 2 digits, 3 symbols
  const close = () => {
    if (run > 0) tokens += kind === 1 ? Math.ceil(run / 6) : Math.ceil(run / 3);
    run = 0;
    kind = 0;
  };
  for (let i = start; i < end; i++) {
    const b = buf[i];
    let k: number;
    if ((b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a)) k = 1;
    else if (b >= 0x30 && b <= 0x39) k = 2;
    else if (b === 0x20 || b === 0x09) {
      close();
      continue;
    } else if (b >= 0xe0) {
      close();
      tokens++;
      i += b >= 0xf0 ? 3 : 2; // skip the character's continuation bytes
      continue;
    } else if (b >= 0x80) {
      // 2-byte characters (accented Latin, Cyrillic…) read as letters; continuation bytes extend the run.
      k = 1;
    } else k = 3;
    if (k !== kind) close();
    kind = k;
    run++;
  }
  close();
  return tokens;
}
