import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '@switchyard/contracts';
import { EVAL_DIR } from './eval-metrics';
import { INTENTS, PRODUCTS, type Intent, type Product } from './pair-templates';

/**
 * Writes eval/cache/pairs.jsonl: labelled prompt pairs for the semantic cache.
 * `same: true` — the same request in another template wording (a hit is right);
 * `same: false` — similar wording about another product, another question, or
 * another parameter (a hit would serve a wrong answer). Deterministic: the same
 * file on every run (`npm run eval:cache -- --generate` rewrites it).
 */
export interface LabelledPair {
  id: number;
  a: string;
  b: string;
  same: boolean;
  kind: 'template-variation' | 'surface-noise' | 'sibling-product' | 'other-product' | 'other-question' | 'other-parameter';
}


/** A surface variant a template system or a user produces: case, punctuation, spacing. */
function noise(text: string, r: () => number): string {
  const pick = Math.floor(r() * 4);
  if (pick === 0) return text.toLowerCase();
  if (pick === 1) return text.replace(/[.?!]+$/, '');
  if (pick === 2) return `  ${text.replace(/ /g, '  ')} `;
  return text.toUpperCase();
}

const fill = (template: string, p: Product, arg?: string) =>
  template.replaceAll('{p}', p.name).replaceAll('{arg}', arg ?? '');

export function generatePairs(seed = 20260105): LabelledPair[] {
  const r = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const twoOf = <T>(xs: readonly T[]): [T, T] => {
    const i = Math.floor(r() * xs.length);
    let j = Math.floor(r() * (xs.length - 1));
    if (j >= i) j++;
    return [xs[i], xs[j]];
  };
  const argOf = (intent: Intent) => (intent.args ? pick(intent.args) : undefined);
  const pairs: Omit<LabelledPair, 'id'>[] = [];

  // Same request, two template wordings.
  for (let n = 0; n < 170; n++) {
    const intent = pick(INTENTS);
    const p = pick(PRODUCTS);
    const arg = argOf(intent);
    const [t1, t2] = twoOf(intent.phrasings);
    pairs.push({ a: fill(t1, p, arg), b: fill(t2, p, arg), same: true, kind: 'template-variation' });
  }
  // Same wording, different case, spacing or final punctuation.
  for (let n = 0; n < 30; n++) {
    const intent = pick(INTENTS);
    const p = pick(PRODUCTS);
    const text = fill(pick(intent.phrasings), p, argOf(intent));
    pairs.push({ a: text, b: noise(text, r), same: true, kind: 'surface-noise' });
  }
  // Same question about a sibling product (same brand and line, another model number or size).
  for (let n = 0; n < 80; n++) {
    const intent = pick(INTENTS);
    const p = pick(PRODUCTS.filter((x) => x.sibling));
    const q = PRODUCTS.find((x) => x.name === p.sibling)!;
    const arg = argOf(intent);
    const sameWording = n % 2 === 0;
    const [t1, t2] = sameWording ? [pick(intent.phrasings), null] : twoOf(intent.phrasings);
    pairs.push({ a: fill(t1, p, arg), b: fill(t2 ?? t1, q, arg), same: false, kind: 'sibling-product' });
  }
  // Same question about an unrelated product.
  for (let n = 0; n < 40; n++) {
    const intent = pick(INTENTS);
    const [p, q] = twoOf(PRODUCTS);
    const arg = argOf(intent);
    const t = pick(intent.phrasings);
    pairs.push({ a: fill(t, p, arg), b: fill(n % 2 === 0 ? t : pick(intent.phrasings), q, arg), same: false, kind: 'other-product' });
  }
  // Another question about the same product.
  for (let n = 0; n < 60; n++) {
    const [i1, i2] = twoOf(INTENTS);
    const p = pick(PRODUCTS);
    pairs.push({ a: fill(pick(i1.phrasings), p, argOf(i1)), b: fill(pick(i2.phrasings), p, argOf(i2)), same: false, kind: 'other-question' });
  }
  // Same question and product, another parameter (language, count, audience).
  const withArgs = INTENTS.filter((i) => i.args && i.args.length > 1);
  for (let n = 0; n < 40; n++) {
    const intent = pick(withArgs);
    const p = pick(PRODUCTS);
    const [x, y] = twoOf(intent.args!);
    const t = pick(intent.phrasings);
    pairs.push({ a: fill(t, p, x), b: fill(n % 2 === 0 ? t : pick(intent.phrasings), p, y), same: false, kind: 'other-parameter' });
  }
  return pairs.map((pair, id) => ({ id, ...pair }));
}

export function writePairs(file = join(EVAL_DIR, 'pairs.jsonl')): number {
  const pairs = generatePairs();
  writeFileSync(file, `${pairs.map((p) => JSON.stringify(p)).join('\n')}\n`);
  return pairs.length;
}

if (require.main === module) {
  const n = writePairs();
  process.stdout.write(`wrote ${n} pairs to eval/cache/pairs.jsonl\n`);
}
