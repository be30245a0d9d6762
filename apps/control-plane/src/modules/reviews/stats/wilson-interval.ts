/** z for a two-sided 95% interval (the 97.5th percentile of the standard normal). */
export const Z_95 = 1.959963984540054;

export interface Proportion {
  rate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for `successes` out of `trials`. Chosen over the plain
 * normal (Wald) interval because it stays inside [0, 1] and keeps its coverage for
 * the small counts and extreme shares review data has (e.g. 9 of 10).
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
 *
 * Null when there are no trials.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Proportion | null {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`wilsonInterval needs 0 <= successes <= trials (whole numbers), got ${successes} of ${trials}`);
  }
  if (trials === 0) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return { rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
