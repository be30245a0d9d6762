import type { SpendPoint, SpendTotals } from '@switchyard/contracts';
import { formatDecimal, fromPicoUsd, toPicoUsd } from '@switchyard/pricing';

/** a / b with `places` decimals, rounded half away from zero; null when b is 0. Exact (bigint). */
export function decimalRatio(a: bigint, b: bigint, places = 4): string | null {
  if (b === 0n) return null;
  const negative = a < 0n !== b < 0n;
  const num = (a < 0n ? -a : a) * 10n ** BigInt(places);
  const den = b < 0n ? -b : b;
  const q = (2n * num + den) / (2n * den);
  return formatDecimal(negative ? -q : q, places, places);
}

/** One row of a spend query as Postgres returns it: counts as bigint strings, money as NUMERIC text. */
export interface SpendRow {
  period: string;
  grp: string;
  requests: string;
  errors: string;
  prompt_tokens: string;
  completion_tokens: string;
  cached_tokens: string;
  cache_hits: string;
  unpriced_requests: string;
  cost_usd: string;
  baseline_cost_usd: string;
  cache_saved_usd: string;
}

export function toPoint(r: SpendRow): SpendPoint & { unpricedRequests: number } {
  return {
    period: r.period,
    group: r.grp,
    requests: Number(r.requests),
    errors: Number(r.errors),
    promptTokens: Number(r.prompt_tokens),
    completionTokens: Number(r.completion_tokens),
    cachedTokens: Number(r.cached_tokens),
    cacheHits: Number(r.cache_hits),
    costUsd: fromPicoUsd(toPicoUsd(r.cost_usd)),
    baselineCostUsd: fromPicoUsd(toPicoUsd(r.baseline_cost_usd)),
    cacheSavedUsd: fromPicoUsd(toPicoUsd(r.cache_saved_usd)),
    unpricedRequests: Number(r.unpriced_requests),
  };
}

/** Exact running totals of spend points (money in picodollars). */
export class TotalsAccumulator {
  requests = 0;
  errors = 0;
  promptTokens = 0;
  completionTokens = 0;
  cachedTokens = 0;
  cacheHits = 0;
  unpricedRequests = 0;
  cost = 0n;
  baseline = 0n;
  cacheSaved = 0n;

  add(p: SpendPoint & { unpricedRequests: number }): this {
    this.requests += p.requests;
    this.errors += p.errors;
    this.promptTokens += p.promptTokens;
    this.completionTokens += p.completionTokens;
    this.cachedTokens += p.cachedTokens;
    this.cacheHits += p.cacheHits;
    this.unpricedRequests += p.unpricedRequests;
    this.cost += toPicoUsd(p.costUsd);
    this.baseline += toPicoUsd(p.baselineCostUsd);
    this.cacheSaved += toPicoUsd(p.cacheSavedUsd);
    return this;
  }

  totals(): SpendTotals {
    const savings = this.baseline - this.cost;
    return {
      requests: this.requests,
      errors: this.errors,
      promptTokens: this.promptTokens,
      completionTokens: this.completionTokens,
      cachedTokens: this.cachedTokens,
      cacheHits: this.cacheHits,
      cacheHitRate: decimalRatio(BigInt(this.cacheHits), BigInt(this.requests)),
      costUsd: fromPicoUsd(this.cost),
      baselineCostUsd: fromPicoUsd(this.baseline),
      savingsVsBaselineUsd: fromPicoUsd(savings),
      savingsVsBaselinePct: decimalRatio(savings, this.baseline),
      cacheSavedUsd: fromPicoUsd(this.cacheSaved),
      unpricedRequests: this.unpricedRequests,
    };
  }
}
