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

const NUMERIC_TEXT = /^(-?)(\d+)(?:\.(\d{0,12}))?$/;
const PG_MONEY_TEXT = /^-?(?:0|[1-9]\d*)\.\d{2,12}$/;

/**
 * A NUMERIC as Postgres prints it → the USD string the API uses (`fromPicoUsd`'s
 * form: trailing zeros trimmed, at least 2 decimals), by string operations only: a
 * year of spend has thousands of points and this runs three times per point.
 */
export function usdText(text: string): string {
  // Postgres' own form (no leading zeros, 2+ decimals): trim trailing zeros by scanning back.
  if (PG_MONEY_TEXT.test(text)) {
    const dot = text.indexOf('.');
    let end = text.length;
    while (end > dot + 3 && text.charCodeAt(end - 1) === 48) end--;
    const out = end === text.length ? text : text.slice(0, end);
    return out.charCodeAt(0) === 45 && /^-0\.00$/.test(out) ? '0.00' : out;
  }
  const m = NUMERIC_TEXT.exec(text);
  if (!m) return fromPicoUsd(toPicoUsd(text));
  const whole = m[2].replace(/^0+(?=\d)/, '');
  let frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  const zero = whole === '0' && /^0*$/.test(frac);
  return `${m[1] && !zero ? '-' : ''}${whole}.${frac}`;
}

/** One row of a spend query as Postgres returns it: counts as bigint text, money as NUMERIC text. */
export interface SpendRow {
  period: string | null;
  grp: string | null;
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

export function toPoint(r: SpendRow): SpendPoint {
  return {
    period: r.period ?? '',
    group: r.grp ?? '',
    requests: Number(r.requests),
    errors: Number(r.errors),
    promptTokens: Number(r.prompt_tokens),
    completionTokens: Number(r.completion_tokens),
    cachedTokens: Number(r.cached_tokens),
    cacheHits: Number(r.cache_hits),
    costUsd: usdText(r.cost_usd),
    baselineCostUsd: usdText(r.baseline_cost_usd),
    cacheSavedUsd: usdText(r.cache_saved_usd),
  };
}

/** NUMERIC text → picodollars; NUMERIC(24,12) values and their sums print with exactly 12 decimals, the fast case. */
export function numericToPico(text: string): bigint {
  return /^-?\d+\.\d{12}$/.test(text) ? BigInt(text.replace('.', '')) : toPicoUsd(text);
}

/** A row's money in picodollars (parsed once, added to several totals). */
export interface RowMoney {
  cost: bigint;
  baseline: bigint;
  cacheSaved: bigint;
  unpriced: number;
}

export function rowMoney(r: SpendRow): RowMoney {
  return {
    cost: numericToPico(r.cost_usd),
    baseline: numericToPico(r.baseline_cost_usd),
    cacheSaved: numericToPico(r.cache_saved_usd),
    unpriced: Number(r.unpriced_requests),
  };
}

/** Exact running totals of spend rows: counts as numbers, money as bigint picodollars. */
export class SpendTotalsAccumulator {
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

  add(p: SpendPoint, money: RowMoney): this {
    this.requests += p.requests;
    this.errors += p.errors;
    this.promptTokens += p.promptTokens;
    this.completionTokens += p.completionTokens;
    this.cachedTokens += p.cachedTokens;
    this.cacheHits += p.cacheHits;
    this.unpricedRequests += money.unpriced;
    this.cost += money.cost;
    this.baseline += money.baseline;
    this.cacheSaved += money.cacheSaved;
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

/** The totals of one row (a group or everything, as a single row). */
export function toTotals(r: SpendRow): SpendTotals {
  return new SpendTotalsAccumulator().add(toPoint(r), rowMoney(r)).totals();
}

export const EMPTY_ROW: SpendRow = {
  period: null,
  grp: null,
  requests: '0',
  errors: '0',
  prompt_tokens: '0',
  completion_tokens: '0',
  cached_tokens: '0',
  cache_hits: '0',
  unpriced_requests: '0',
  cost_usd: '0',
  baseline_cost_usd: '0',
  cache_saved_usd: '0',
};

