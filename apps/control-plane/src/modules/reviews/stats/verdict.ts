import type { ReviewVerdict } from '@switchyard/contracts';
import type { Proportion } from './wilson-interval';

/**
 * The plain reading of a candidate's preference interval: below the minimum number
 * of non-tie judgements there is no verdict; an interval that contains 50% means the
 * reviewers could not tell the models apart; otherwise it says which side won.
 */
export function reviewVerdict(preference: Proportion | null, decisive: number, minDecisive: number): ReviewVerdict {
  if (preference === null || decisive < minDecisive) return 'not enough judgements';
  if (preference.high < 0.5) return 'candidate worse';
  if (preference.low > 0.5) return 'candidate better';
  return 'no detectable difference';
}
