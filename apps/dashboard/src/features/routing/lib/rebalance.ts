/**
 * Traffic weights are whole percents that always sum to exactly 100 (the policy
 * contract). These functions keep that true while an admin drags one slider.
 */

export const TOTAL = 100;

function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(TOTAL, Math.max(0, Math.round(value)));
}

/**
 * Splits `total` into whole numbers proportional to `shares` (largest remainder:
 * floors first, then one more to the biggest fractions; ties go to the larger
 * share, then to the earlier position, so the result is stable).
 */
export function apportion(shares: readonly number[], total: number): number[] {
  const positive = shares.map((s) => (Number.isFinite(s) && s > 0 ? s : 0));
  const sum = positive.reduce((a, b) => a + b, 0);
  // Nothing to be proportional to: split evenly.
  const base = sum > 0 ? positive : shares.map(() => 1);
  const baseSum = sum > 0 ? sum : shares.length;
  if (shares.length === 0) return [];
  const exact = base.map((s) => (s * total) / baseSum);
  const out = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - out[i], share: base[i] }))
    .sort((a, b) => b.frac - a.frac || b.share - a.share || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k].i] += 1;
  return out;
}

/**
 * Sets one weight and rebalances the others proportionally to their current values
 * so the total stays 100. With a single target the only valid weight is 100.
 */
export function rebalance(weights: readonly number[], index: number, value: number): number[] {
  if (weights.length === 0) return [];
  if (weights.length === 1) return [TOTAL];
  const v = clampPercent(value);
  const otherIdx = weights.map((_, i) => i).filter((i) => i !== index);
  const shares = apportion(otherIdx.map((i) => weights[i]), TOTAL - v);
  const out = weights.slice();
  out[index] = v;
  otherIdx.forEach((i, k) => (out[i] = shares[k]));
  return out;
}

/** Weights after removing one target: its share goes to the others, proportionally. */
export function removeWeight(weights: readonly number[], index: number): number[] {
  const rest = weights.filter((_, i) => i !== index);
  return rest.length === 0 ? [] : apportion(rest, TOTAL);
}

/** Scales any list of weights (say, a draft saved with a sum of 90) to sum to 100. */
export function normalizeWeights(weights: readonly number[]): number[] {
  return apportion(weights, TOTAL);
}
