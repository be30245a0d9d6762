import { embedTokens, promptSignature } from './local-embedder';

/**
 * A prompt as the built-in embedder sees it, exactly: its features (32-bit hashes,
 * sorted) with their weights, and which of them are entities (model codes and
 * numbers, capitalised names inside a sentence).
 *
 * The semantic cache decides on this, not on the dense vector the ANN index
 * searches: hashing features into a few hundred dimensions lets two different
 * words share slots, and a prompt that differs from a stored one in a single word
 * (another audience, another language) could then look identical. Features keyed by
 * 32-bit hashes practically never collide.
 */
export interface PromptSignature {
  hashes: Uint32Array;
  weights: Float32Array;
  /** L2 norm of `weights`. */
  norm: number;
  entities: Uint32Array;
}

/** Weight of a content word; every word feature at or above it is a term the entity guard accepts. */
const TERM_WEIGHT = 1;

export function signatureOfText(text: string): PromptSignature {
  return promptSignature(embedTokens(text));
}

/** Exact cosine similarity of two signatures' weighted features. */
export function signatureCosine(a: PromptSignature, b: PromptSignature): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.hashes.length && j < b.hashes.length) {
    const x = a.hashes[i];
    const y = b.hashes[j];
    if (x === y) d += a.weights[i++] * b.weights[j++];
    else if (x < y) i++;
    else j++;
  }
  return d / (a.norm * b.norm);
}

function hasTerm(s: PromptSignature, h: number): boolean {
  let lo = 0;
  let hi = s.hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = s.hashes[mid];
    if (v === h) return s.weights[mid] >= TERM_WEIGHT;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The entity guard: every entity of each prompt is a term of the other. Similarity
 * is blind to length — in a long prompt, swapping one product name or model number
 * barely moves it — and a false hit serves an answer about the wrong product.
 */
export function entitiesAgree(a: PromptSignature, b: PromptSignature): boolean {
  for (const h of a.entities) if (!hasTerm(b, h)) return false;
  for (const h of b.entities) if (!hasTerm(a, h)) return false;
  return true;
}
