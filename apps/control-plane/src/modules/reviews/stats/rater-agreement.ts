export interface Agreement {
  /** Items rated by two or more raters (the only ones agreement can be measured on). */
  items: number;
  /** Mean over items of the share of rater pairs that chose the same category. */
  percent: number | null;
  /** Fleiss' kappa; null when it is undefined (fewer than one item, or every rating in one category). */
  kappa: number | null;
}

/**
 * Agreement between raters. `items[i][j]` is how many raters put item i in category j
 * (for reviews: candidate, baseline, tie — never sides a/b, which differ per reviewer).
 * Items with fewer than two ratings are ignored.
 *
 * Fleiss' kappa, in the usual generalisation to a varying number of raters per item:
 *   P_i = Σ_j n_ij (n_ij − 1) / (n_i (n_i − 1))      agreement on item i
 *   P̄  = mean of P_i                                  observed agreement (= `percent`)
 *   p_j = Σ_i n_ij / Σ_i n_i                           share of category j
 *   P_e = Σ_j p_j²                                     agreement expected by chance
 *   κ   = (P̄ − P_e) / (1 − P_e)
 * With two raters per item this equals Scott's pi (Cohen's kappa with pooled marginals).
 */
export function raterAgreement(items: ReadonlyArray<ReadonlyArray<number>>): Agreement {
  const rated = items.filter((counts) => total(counts) >= 2);
  if (rated.length === 0) return { items: 0, percent: null, kappa: null };
  const categories = Math.max(...rated.map((c) => c.length));
  const perCategory = new Array<number>(categories).fill(0);
  let allRatings = 0;
  let sumP = 0;
  for (const counts of rated) {
    const n = total(counts);
    let agreeingPairs = 0;
    counts.forEach((c, j) => {
      if (!Number.isInteger(c) || c < 0) throw new RangeError(`rating counts must be whole numbers >= 0, got ${c}`);
      agreeingPairs += c * (c - 1);
      perCategory[j] += c;
    });
    sumP += agreeingPairs / (n * (n - 1));
    allRatings += n;
  }
  const observed = sumP / rated.length;
  const chance = perCategory.reduce((s, c) => s + (c / allRatings) ** 2, 0);
  const kappa = chance >= 1 ? null : (observed - chance) / (1 - chance);
  return { items: rated.length, percent: observed, kappa };
}

function total(counts: ReadonlyArray<number>): number {
  return counts.reduce((s, c) => s + c, 0);
}
