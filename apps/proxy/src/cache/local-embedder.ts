import type { PromptSignature } from './prompt-signature';
import { hash32, normalise, rehash } from './vector-math';
import { STOPWORDS, GENERIC_WORDS, SYNONYMS } from './local-embedder-lexicon';

/** Dimensions of the built-in embedder's vectors. */
export const LOCAL_EMBEDDER_DIMS = 128;
/** Changes whenever the features change: it is part of every semantic partition key, so old vectors are never compared with new ones. */
export const LOCAL_EMBEDDER_ID = 'local-v1';

/*
 * Feature weights. A prompt template varies in its function and request words
 * ("please", "can you", "write me"), while what the prompt is about — the product,
 * its model number, the question asked — stays. So function words weigh almost
 * nothing, generic request verbs little, content words fully, and tokens holding a
 * digit (model numbers, sizes, counts) most: "X200" and "X300" must not meet at 0.92.
 */
const W_STOP = 0.12;
const W_GENERIC = 0.3;
const W_CONTENT = 1;
const W_CODE = 2.2;
/** Share of a content word's weight spread over its character trigrams (plurals, typos, "describe"/"description"). */
const W_TRIGRAM = 0.22;
/** Ordered pairs of neighbouring content words ("battery life", "return policy"). */
const W_PAIR = 0.45;

const TOKEN = /[\p{L}\p{N}]+(?:['’.\-/][\p{L}\p{N}]+)*/gu;

/** A token with its weight class, as the embedder sees it. */
export interface EmbedToken {
  text: string;
  weight: number;
  kind: 'stop' | 'generic' | 'content' | 'code';
  /** A model code or number, or a capitalised word inside a sentence: names what the prompt is about. */
  entity: boolean;
}

/** Light suffix stripping (a small step-1 Porter): enough to meet plurals and verb forms, not to merge distinct words. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:ch|sh|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) word = word.slice(0, -1);
  if (word.length > 5 && word.endsWith('ing')) return undouble(word.slice(0, -3));
  if (word.length > 4 && word.endsWith('ed') && !word.endsWith('eed')) return undouble(word.slice(0, -2));
  if (word.length > 4 && word.endsWith('ly')) return word.slice(0, -2);
  return word;
}

/** "runn" → "run", "shipp" → "ship" (but "call", "pass" stay). */
function undouble(w: string): string {
  const n = w.length;
  return n > 2 && w[n - 1] === w[n - 2] && !/[aeiouslz]/.test(w[n - 1]) ? w.slice(0, -1) : w;
}

/** The prompt's tokens, normalised (case, Unicode form, possessives, joined hyphens) and classed. */
export function embedTokens(text: string): EmbedToken[] {
  const out: EmbedToken[] = [];
  const src = text.normalize('NFKC');
  for (const m of src.matchAll(TOKEN)) {
    const raw = m[0];
    let t = raw.toLowerCase().replace(/['’]s$/, '').replace(/['’]/g, '');
    if (/\d/.test(t)) {
      // "X-200" and "x200" meet; separators inside codes carry no meaning.
      t = t.replace(/[-/]/g, '').replace(/\.(?!\d)/g, '');
      out.push({ text: t, weight: W_CODE, kind: 'code', entity: true });
      continue;
    }
    const capitalised = raw !== raw.toLowerCase() && !startsSentence(src, m.index);
    for (const part of t.split(/[-./]/)) {
      if (part === '') continue;
      const canonical = SYNONYMS.get(part) ?? part;
      if (STOPWORDS.has(canonical)) out.push({ text: canonical, weight: W_STOP, kind: 'stop', entity: false });
      else if (GENERIC_WORDS.has(canonical)) out.push({ text: canonical, weight: W_GENERIC, kind: 'generic', entity: false });
      else {
        const s = stem(canonical);
        const again = SYNONYMS.get(s) ?? s;
        out.push({ text: again, weight: W_CONTENT, kind: 'content', entity: capitalised });
      }
    }
  }
  return out;
}

/** True when the word at `index` opens the text or a sentence (its capital says nothing then). */
function startsSentence(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '(' || c === '*' || c === '-') continue;
    return c === '.' || c === '!' || c === '?' || c === ':' || c === '\n' || c === '\r' || c === ';';
  }
  return true;
}

/**
 * The prompt's features, exactly: words by weight class, character trigrams of
 * content words, pairs of neighbouring content words, each counted once (a
 * repeated product name is not "more similar"), keyed by a 32-bit hash.
 */
export function promptSignature(tokens: readonly EmbedToken[]): PromptSignature {
  const features = new Map<number, number>();
  const entities = new Set<number>();
  const add = (f: string, w: number) => {
    const h = hash32(f);
    const prev = features.get(h);
    if (prev === undefined || prev < w) features.set(h, w);
    return h;
  };
  let prevContent: string | null = null;
  for (const t of tokens) {
    const h = add(`w:${t.text}`, t.weight);
    if (t.entity) entities.add(h);
    if (t.kind === 'content') {
      const padded = `^${t.text}$`;
      const gw = W_TRIGRAM / Math.sqrt(Math.max(1, padded.length - 2));
      for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, gw);
    }
    if (t.kind === 'content' || t.kind === 'code') {
      if (prevContent !== null) add(`p:${prevContent} ${t.text}`, W_PAIR);
      prevContent = t.text;
    }
  }
  const hashes = Uint32Array.from(features.keys()).sort();
  const weights = new Float32Array(hashes.length);
  let norm = 0;
  hashes.forEach((h, i) => {
    weights[i] = features.get(h)!;
    norm += weights[i] * weights[i];
  });
  return { hashes, weights, norm: Math.sqrt(norm), entities: Uint32Array.from(entities).sort() };
}

/** Slots per feature in the dense vector: a collision then costs a third of a feature, not all of it. */
const SLOTS = 3;

/**
 * The dense vector of a signature, for the ANN index: signed feature hashing into
 * `dims` dimensions, each feature spread over three slots, L2-normalised. It only
 * finds candidates — with hashing, two different words can land on the same slots,
 * so the cache decides on the exact `signatureCosine`.
 */
export function denseVector(sig: PromptSignature, dims = LOCAL_EMBEDDER_DIMS): Float32Array {
  const vec = new Float32Array(dims);
  const share = 1 / Math.sqrt(SLOTS);
  for (let i = 0; i < sig.hashes.length; i++) {
    let h = sig.hashes[i];
    const w = sig.weights[i] * share;
    for (let k = 0; k < SLOTS; k++) {
      h = rehash(h, k);
      vec[h % dims] += h & 0x80000000 ? -w : w;
    }
  }
  return normalise(vec);
}

/** Deterministic prompt → unit vector (the dense form of the built-in embedder). */
export function embedLocal(text: string, dims = LOCAL_EMBEDDER_DIMS): Float32Array {
  return denseVector(promptSignature(embedTokens(text)), dims);
}
