/** Small deterministic hashing and PRNG: content and fault decisions must replay exactly. */
import type { Rng } from '@switchyard/contracts';

export { mulberry32, type Rng } from '@switchyard/contracts';

/** FNV-1a over a string (UTF-16 code units), continuing from `h`. */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes an integer into a hash (so "a"+"bc" and "ab"+"c" differ). */
export function mix(h: number, n: number): number {
  h ^= n + 0x9e3779b9 + (h << 6) + (h >>> 2);
  return h >>> 0;
}

/** Integer in [0, n). */
export function pick(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}
