/** A source of floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a small deterministic PRNG, the same sequence for the same seed in every
 * process — index levels, simulated traffic and generated test data all use this one.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
