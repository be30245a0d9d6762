import { pick, type Rng } from './random';

/*
 * Tokenizer: a letter run is one token per 6 letters, a digit run one per 3 digits,
 * every other non-space character one token, and whitespace rides with the next piece
 * (as in BPE tokenizers, " the" is one token). Generated text uses words of at most six
 * letters, so each generated word is exactly one token and completion_tokens equals
 * the number of streamed pieces.
 */

const enum Cls {
  Space,
  Letter,
  Digit,
  Other,
}

function cls(c: number): Cls {
  if (c === 32 || c === 10 || c === 9 || c === 13) return Cls.Space;
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 0xc0) return Cls.Letter;
  if (c >= 48 && c <= 57) return Cls.Digit;
  return Cls.Other;
}

const RUN = [0, 6, 3, 1];

/** Token count of `text` under the simulator's tokenizer (deterministic, ~1 per word). */
export function countTokens(text: string): number {
  let tokens = 0;
  let runClass = Cls.Space;
  let runLen = 0;
  for (let i = 0; i < text.length; i++) {
    const k = cls(text.charCodeAt(i));
    if (k === Cls.Space) {
      runClass = Cls.Space;
      continue;
    }
    if (k !== runClass || k === Cls.Other || runLen === RUN[k]) {
      tokens++;
      runClass = k;
      runLen = 1;
    } else {
      runLen++;
    }
  }
  return tokens;
}

/**
 * Splits `text` into token pieces: `splitTokens(t).length === countTokens(t)` and the
 * pieces join back to `t` (whitespace-only text has no tokens and gives []).
 */
export function splitTokens(text: string): string[] {
  const starts: number[] = [];
  let runClass = Cls.Space;
  let runLen = 0;
  for (let i = 0; i < text.length; i++) {
    const k = cls(text.charCodeAt(i));
    if (k === Cls.Space) {
      runClass = Cls.Space;
      continue;
    }
    if (k !== runClass || k === Cls.Other || runLen === RUN[k]) {
      // The piece starts at the whitespace before the token; the first piece starts at 0.
      let j = i;
      while (j > 0 && cls(text.charCodeAt(j - 1)) === Cls.Space) j--;
      starts.push(starts.length === 0 ? 0 : j);
      runClass = k;
      runLen = 1;
    } else {
      runLen++;
    }
  }
  const pieces: string[] = new Array(starts.length);
  for (let k = 0; k < starts.length; k++) pieces[k] = text.slice(starts[k], k + 1 < starts.length ? starts[k + 1] : text.length);
  return pieces;
}

// Words of at most six letters (one token each), grouped loosely so sentences read like English.
const SUBJECTS = ['the team', 'this plan', 'our model', 'each user', 'the data', 'a proxy', 'the cache', 'that route', 'the fleet', 'every key'];
const VERBS = ['keeps', 'moves', 'checks', 'sends', 'builds', 'finds', 'needs', 'shows', 'makes', 'tracks', 'lowers', 'routes', 'counts', 'saves'];
const ADJS = ['quick', 'steady', 'small', 'clear', 'cheap', 'simple', 'useful', 'large', 'exact', 'stable', 'modern', 'fair'];
const NOUNS = ['cost', 'policy', 'answer', 'budget', 'report', 'token', 'window', 'result', 'request', 'bucket', 'price', 'limit', 'team', 'stream', 'value', 'plan'];
const LINKS = ['and', 'while', 'so', 'because', 'but', 'since', 'when', 'as'];
const TAILS = ['today', 'again', 'for now', 'by design', 'in time', 'at scale', 'each day', 'on demand'];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function clause(rng: Rng): string {
  const noun = NOUNS[pick(rng, NOUNS.length)];
  const adj = rng() < 0.6 ? `${ADJS[pick(rng, ADJS.length)]} ` : '';
  const tail = rng() < 0.35 ? ` ${TAILS[pick(rng, TAILS.length)]}` : '';
  const object = adj + noun;
  const article = 'aeiou'.includes(object.charAt(0)) ? 'an' : 'a';
  return `${SUBJECTS[pick(rng, SUBJECTS.length)]} ${VERBS[pick(rng, VERBS.length)]} ${article} ${object}${tail}`;
}

function sentence(rng: Rng): string {
  let s = clause(rng);
  if (rng() < 0.5) s += `${rng() < 0.3 ? ',' : ''} ${LINKS[pick(rng, LINKS.length)]} ${clause(rng)}`;
  return `${capitalise(s)}.`;
}

/** Plausible English-ish text of exactly `tokens` token pieces (returned as pieces). */
export function generatePieces(rng: Rng, tokens: number): string[] {
  const pieces: string[] = [];
  while (pieces.length < tokens) {
    const next = splitTokens((pieces.length === 0 ? '' : ' ') + sentence(rng));
    for (const p of next) {
      if (pieces.length === tokens) break;
      pieces.push(p);
    }
  }
  return pieces;
}

/** A few plain words (no punctuation), for generated string values. */
export function generatePhrase(rng: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(i % 2 === 0 ? ADJS[pick(rng, ADJS.length)] : NOUNS[pick(rng, NOUNS.length)]);
  return out.join(' ');
}
