import type { PricePoint, ReviewResultRow } from '@switchyard/contracts';
import { raterAgreement } from '../stats/rater-agreement';
import { reviewVerdict } from '../stats/verdict';
import { wilsonInterval } from '../stats/wilson-interval';
import { comparePairCosts, type PairCostInput } from './pair-cost';

/** One pair with its judgements already mapped back to the models. */
export interface JudgedPair extends PairCostInput {
  bucket: string;
  /** Judgements preferring the candidate, the baseline, neither. */
  candidate: number;
  baseline: number;
  tie: number;
}

/**
 * Results per bucket × (candidate, baseline) model pair: counts, shares, the
 * candidate's preference rate with its 95% Wilson interval (ties left out), agreement
 * between reviewers, a plain verdict and the cost difference per request.
 */
export function summariseResults(pairs: readonly JudgedPair[], prices: ReadonlyMap<string, readonly PricePoint[]>, minDecisive: number): ReviewResultRow[] {
  const groups = new Map<string, JudgedPair[]>();
  for (const p of pairs) {
    const key = JSON.stringify([p.bucket, p.candidateModel, p.baselineModel]);
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const rows: ReviewResultRow[] = [];
  for (const group of groups.values()) {
    const { bucket, candidateModel, baselineModel } = group[0];
    let wins = 0;
    let losses = 0;
    let ties = 0;
    for (const p of group) {
      wins += p.candidate;
      losses += p.baseline;
      ties += p.tie;
    }
    const judgements = wins + losses + ties;
    const decisive = wins + losses;
    const interval = wilsonInterval(wins, decisive);
    const agreement = raterAgreement(group.map((p) => [p.candidate, p.baseline, p.tie]));
    rows.push({
      bucket,
      candidateModel,
      baselineModel,
      pairs: group.length,
      judgements,
      wins,
      losses,
      ties,
      candidateShare: judgements ? wins / judgements : null,
      baselineShare: judgements ? losses / judgements : null,
      preference: { rate: interval?.rate ?? null, low: interval?.low ?? null, high: interval?.high ?? null, method: 'wilson-95' },
      agreement: { pairs: agreement.items, percent: agreement.percent, kappa: agreement.kappa, method: 'fleiss' },
      verdict: reviewVerdict(interval, decisive, minDecisive),
      cost: comparePairCosts(group, prices),
    });
  }
  return rows.sort((a, b) => a.bucket.localeCompare(b.bucket) || a.candidateModel.localeCompare(b.candidateModel) || a.baselineModel.localeCompare(b.baselineModel));
}
