/**
 * A mergeable latency histogram: counts per fixed log-linear bucket, so a week's or a
 * month's percentiles are exact merges of day rows (adding counts), never averages of
 * percentiles. Values are milliseconds, bucketed in units of 0.1 ms:
 *   units 0..31            one bucket each (0.1 ms wide)
 *   then every power of two [16·2^k, 16·2^(k+1)) units, k = 1..26, split into 16 equal buckets
 * so a bucket is at most 1/16 of its lower bound wide (≤ 3.2 % error at its midpoint),
 * up to 2^31 units (59 hours; the contract caps times at 24 h).
 *
 * The bounds are part of the stored data: never change them without migrating the
 * histograms in spend_daily. The rollup SQL buckets with `width_bucket` over exactly
 * this array, so SQL and TypeScript agree to the unit.
 */
export type Histogram = Record<string, number>;

const SUB_BUCKETS = 16;
const OCTAVES = 26;

function buildBounds(): number[] {
  const bounds: number[] = [];
  for (let v = 0; v < 2 * SUB_BUCKETS; v++) bounds.push(v);
  for (let k = 1; k <= OCTAVES; k++) {
    for (let s = 0; s < SUB_BUCKETS; s++) bounds.push((SUB_BUCKETS + s) * 2 ** k);
  }
  return bounds;
}

/** Lower bound (in 0.1 ms units) of each bucket; bucket i covers [BOUNDS[i], BOUNDS[i+1]). */
export const HISTOGRAM_BOUNDS: readonly number[] = Object.freeze(buildBounds());
const TOP = (SUB_BUCKETS + SUB_BUCKETS) * 2 ** OCTAVES;

/** Milliseconds → 0.1 ms units, as the SQL computes it: floor(ms * 10). */
export function toUnits(ms: number): number {
  return Math.floor(ms * 10);
}

/** The bucket index of a value in ms (binary search; same answer as SQL `width_bucket(...) - 1`). */
export function bucketIndex(ms: number): number {
  const v = toUnits(Math.max(0, ms));
  let lo = 0;
  let hi = HISTOGRAM_BOUNDS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (HISTOGRAM_BOUNDS[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** [lower, upper) of a bucket, in ms. */
export function bucketRangeMs(index: number): [number, number] {
  const lower = HISTOGRAM_BOUNDS[index];
  const upper = index + 1 < HISTOGRAM_BOUNDS.length ? HISTOGRAM_BOUNDS[index + 1] : TOP;
  return [lower / 10, upper / 10];
}

export function emptyHistogram(): Histogram {
  return {};
}

export function record(h: Histogram, ms: number, count = 1): Histogram {
  const k = String(bucketIndex(ms));
  h[k] = (h[k] ?? 0) + count;
  return h;
}

/** Adds `b` into a copy of `a` (associative and commutative: merge order never matters). */
export function mergeHistograms(...hs: Histogram[]): Histogram {
  const out: Histogram = {};
  for (const h of hs) {
    for (const [k, n] of Object.entries(h)) out[k] = (out[k] ?? 0) + Number(n);
  }
  return out;
}

export function histogramCount(h: Histogram): number {
  let n = 0;
  for (const v of Object.values(h)) n += Number(v);
  return n;
}

/**
 * The p-quantile (0 < p ≤ 1) by nearest rank: the bucket holding the ⌈p·n⌉-th
 * smallest value, reported as that bucket's midpoint in ms (rounded to 0.01 ms).
 * Null for an empty histogram.
 */
export function percentile(h: Histogram, p: number): number | null {
  const entries = Object.entries(h)
    .map(([k, n]) => [Number(k), Number(n)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [index, n] of entries) {
    seen += n;
    if (seen >= rank) {
      const [lo, hi] = bucketRangeMs(index);
      return Math.round(((lo + hi) / 2) * 100) / 100;
    }
  }
  /* istanbul ignore next -- unreachable: rank ≤ total */
  return null;
}
