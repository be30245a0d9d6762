import type { ModelPrices, PolicyContent, RouteTarget, WhatIfBucket } from '@switchyard/contracts';
import { costPico, fromPicoUsd, toPicoUsd, type TokenCounts } from '@switchyard/pricing';
import { resolveBucket } from '@switchyard/routing';

/** Observed production usage of one bucket × team over the range (from spend_daily). */
export interface ObservedUsage {
  bucket: string;
  team: string;
  requests: number;
  costUsd: string;
  /** Requests the policy routed (upstream chat, model not named by the client): the ones re-split. */
  routedRequests: number;
  routedTokens: TokenCounts;
  routedCostUsd: string;
}

export interface Simulation {
  buckets: WhatIfBucket[];
  actualUsd: string;
  projectedUsd: string;
  actualMonthlyUsd: string;
  projectedMonthlyUsd: string;
  deltaMonthlyUsd: string;
}

/**
 * The share of a bucket's traffic each target receives: exactly what `pickTarget`
 * (libs/routing) converges to — weight / total of the non-zero weights; a single
 * target, or all-zero weights, sends everything to the first target.
 */
export function expectedSplit(targets: readonly RouteTarget[]): { shares: Array<{ model: string; weight: bigint }>; total: bigint } {
  const positive = targets.filter((t) => t.weight > 0);
  if (targets.length === 1 || positive.length === 0) return { shares: [{ model: targets[0].model, weight: 1n }], total: 1n };
  const total = positive.reduce((s, t) => s + BigInt(t.weight), 0n);
  return { shares: positive.map((t) => ({ model: t.model, weight: BigInt(t.weight) })), total };
}

/** num / den rounded half up (num, den ≥ 0). */
function roundDiv(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/**
 * Where a bucket's observed traffic goes under the draft: the same bucket when the
 * draft keeps it; otherwise where libs/routing's resolution sends a request of that
 * team that names no bucket (the draft's match rules, then its default bucket).
 */
export function destinationBucket(policy: PolicyContent, bucket: string, team: string, catalogIds: ReadonlySet<string>): string {
  if (policy.buckets.some((b) => b.name === bucket)) return bucket;
  const r = resolveBucket({ headers: {}, team, model: null }, policy, catalogIds);
  return r.kind === 'unknown' ? policy.defaultBucket : r.bucket.name;
}

/**
 * Projects the observed usage under `policy`: per bucket, the routed requests' tokens
 * (as observed) are split across the draft's targets by expected weight and priced at
 * each target's price; everything else (cache hits, which stay free; requests pinned
 * to a model; embeddings) keeps its actual cost. Exact in picodollars × weights;
 * each bucket's figures are rounded half up to the picodollar once, and totals are
 * the sums of the bucket figures shown. Monthly = × 30 / days.
 */
export function simulate(
  policy: PolicyContent,
  observed: readonly ObservedUsage[],
  prices: ReadonlyMap<string, ModelPrices>,
  days: number,
  catalogIds: ReadonlySet<string>,
): Simulation {
  interface Acc {
    requests: number;
    actual: bigint;
    kept: bigint;
    tokens: TokenCounts;
  }
  const acc = new Map<string, Acc>(policy.buckets.map((b) => [b.name, { requests: 0, actual: 0n, kept: 0n, tokens: { promptTokens: 0, completionTokens: 0, cachedTokens: 0 } }]));
  for (const o of observed) {
    const a = acc.get(destinationBucket(policy, o.bucket, o.team, catalogIds))!;
    a.requests += o.requests;
    a.actual += toPicoUsd(o.costUsd);
    a.kept += toPicoUsd(o.costUsd) - toPicoUsd(o.routedCostUsd);
    a.tokens.promptTokens += o.routedTokens.promptTokens;
    a.tokens.completionTokens += o.routedTokens.completionTokens;
    a.tokens.cachedTokens += o.routedTokens.cachedTokens;
  }

  const d = BigInt(days);
  let actualTotal = 0n;
  let projectedTotal = 0n;
  let actualMonthlyTotal = 0n;
  let projectedMonthlyTotal = 0n;
  const buckets: WhatIfBucket[] = policy.buckets.map((b) => {
    const a = acc.get(b.name)!;
    const { shares, total } = expectedSplit(b.targets);
    let scaled = a.kept * total;
    for (const s of shares) {
      const price = prices.get(s.model);
      if (!price) throw new Error(`no price for ${s.model}`);
      scaled += s.weight * costPico(a.tokens, price);
    }
    const projected = roundDiv(scaled, total);
    const projectedMonthly = roundDiv(scaled * 30n, total * d);
    const actualMonthly = roundDiv(a.actual * 30n, d);
    actualTotal += a.actual;
    projectedTotal += projected;
    actualMonthlyTotal += actualMonthly;
    projectedMonthlyTotal += projectedMonthly;
    return {
      bucket: b.name,
      requests: a.requests,
      actualUsd: fromPicoUsd(a.actual),
      projectedUsd: fromPicoUsd(projected),
      actualMonthlyUsd: fromPicoUsd(actualMonthly),
      projectedMonthlyUsd: fromPicoUsd(projectedMonthly),
    };
  });
  return {
    buckets,
    actualUsd: fromPicoUsd(actualTotal),
    projectedUsd: fromPicoUsd(projectedTotal),
    actualMonthlyUsd: fromPicoUsd(actualMonthlyTotal),
    projectedMonthlyUsd: fromPicoUsd(projectedMonthlyTotal),
    deltaMonthlyUsd: fromPicoUsd(projectedMonthlyTotal - actualMonthlyTotal),
  };
}

export const WHAT_IF_METHOD =
  'Replays the range\'s production usage from the daily rollups. Per bucket: requests the policy routed (upstream chat requests whose model the client did not name) ' +
  'are re-split across the draft\'s targets by their weights as expected values (weight ÷ sum of weights, exactly what the proxy\'s weighted pick converges to), ' +
  'with the token counts observed in that bucket, each share priced at the target\'s catalog price in force now. Cache hits stay as observed and free; requests ' +
  'pinned to a model and embeddings keep their actual cost. Traffic of a bucket the draft no longer has goes where the draft would route that team ' +
  '(its match rules, else its default bucket). Actual is what was recorded. Exact decimal arithmetic; each bucket is rounded once to 1e-12 USD and totals ' +
  'are sums of the buckets. Monthly figures = range figure × 30 ÷ days in the range.';
