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
