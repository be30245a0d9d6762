import type { PricePoint, ReviewResultRow, ReviewTokens } from '@switchyard/contracts';
import { costPico, fromPicoUsd, priceAt } from '@switchyard/pricing';

/** What the cost comparison needs to know about one pair. */
export interface PairCostInput {
  ts: Date;
  candidateModel: string;
  baselineModel: string;
  candidateUsage: ReviewTokens | null;
  baselineUsage: ReviewTokens | null;
  /** Characters and messages of the prompt, and of each answer — for estimating missing token counts. */
  promptChars: number;
  promptMessages: number;
  candidateChars: number;
  baselineChars: number;
}

/**
 * A rough token count for imported pairs that came without usage: about four
 * characters per token, plus OpenAI's per-message framing. Pairs priced this way are
 * counted in `estimatedPairs` so the screen can say so.
 */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

function tokensOf(usage: ReviewTokens | null, p: PairCostInput, answerChars: number): ReviewTokens {
  return usage ?? { promptTokens: estimateTokens(p.promptChars) + 3 * p.promptMessages + 3, completionTokens: estimateTokens(answerChars), cachedTokens: 0 };
}

/**
 * Candidate vs baseline cost per request over a group of pairs: each answer's tokens
 * priced exactly (picodollars) at its model's catalog price in force at request time.
 * Pairs naming a model the catalog has no price for are left out (`pricedPairs` says
 * how many counted). The mean is rounded to the nearest picodollar.
 */
export function comparePairCosts(pairs: readonly PairCostInput[], prices: ReadonlyMap<string, readonly PricePoint[]>): ReviewResultRow['cost'] {
  let candidate = 0n;
  let baseline = 0n;
  let priced = 0;
  let estimated = 0;
  for (const p of pairs) {
    const cPrices = prices.get(p.candidateModel);
    const bPrices = prices.get(p.baselineModel);
    if (!cPrices?.length || !bPrices?.length) continue;
    candidate += costPico(tokensOf(p.candidateUsage, p, p.candidateChars), priceAt(cPrices, p.ts));
    baseline += costPico(tokensOf(p.baselineUsage, p, p.baselineChars), priceAt(bPrices, p.ts));
    priced++;
    if (!p.candidateUsage || !p.baselineUsage) estimated++;
  }
  if (priced === 0) {
    return { candidatePerRequestUsd: null, baselinePerRequestUsd: null, differencePerRequestUsd: null, change: null, pricedPairs: 0, estimatedPairs: 0 };
  }
  const n = BigInt(priced);
  const c = divRound(candidate, n);
  const b = divRound(baseline, n);
  return {
    candidatePerRequestUsd: fromPicoUsd(c),
    baselinePerRequestUsd: fromPicoUsd(b),
    differencePerRequestUsd: fromPicoUsd(c - b),
    change: b === 0n ? null : Number(((c - b) * 1_000_000n) / b) / 1_000_000,
    pricedPairs: priced,
    estimatedPairs: estimated,
  };
}

/** a / b rounded half away from zero (b > 0). */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (2n * (r < 0n ? -r : r) >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}
