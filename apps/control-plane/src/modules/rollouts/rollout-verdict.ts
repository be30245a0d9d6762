import type { CohortMetrics, RolloutThresholds, RolloutVerdict } from '@switchyard/contracts';

/**
 * Whether the canary regressed against the baseline, threshold by threshold. No
 * verdict (and so no automatic abort) until both cohorts have `minRequests`: a few
 * unlucky requests must not withdraw a good version. Ratios against a zero baseline
 * (free cached answers, instant responses) count any positive canary figure as a
 * breach only when the baseline is exactly zero and the canary is not.
 */
export function rolloutVerdict(canary: CohortMetrics, baseline: CohortMetrics, t: RolloutThresholds): RolloutVerdict {
  const enoughData = canary.requests >= t.minRequests && baseline.requests >= t.minRequests;
  if (!enoughData) return { enoughData, breaches: [] };
  const breaches: string[] = [];
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

  const errDelta = (canary.errorRate ?? 0) - (baseline.errorRate ?? 0);
  if (errDelta > t.maxErrorRateDelta) {
    breaches.push(`error rate ${pct(canary.errorRate ?? 0)} vs ${pct(baseline.errorRate ?? 0)} (+${(errDelta * 100).toFixed(2)} points > ${(t.maxErrorRateDelta * 100).toFixed(2)})`);
  }
  const latency = ratio(canary.p95LatencyMs, baseline.p95LatencyMs);
  if (latency !== null && latency > t.maxP95LatencyRatio) {
    breaches.push(`p95 latency ${fmtMs(canary.p95LatencyMs)} vs ${fmtMs(baseline.p95LatencyMs)} (×${fmtRatio(latency)} > ×${t.maxP95LatencyRatio})`);
  }
  const cost = ratio(num(canary.costPerRequestUsd), num(baseline.costPerRequestUsd));
  if (cost !== null && cost > t.maxCostPerRequestRatio) {
    breaches.push(`cost per request ${canary.costPerRequestUsd} vs ${baseline.costPerRequestUsd} USD (×${fmtRatio(cost)} > ×${t.maxCostPerRequestRatio})`);
  }
  return { enoughData, breaches };
}

function num(s: string | null): number | null {
  return s === null ? null : Number(s);
}

function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  if (b === 0) return a === 0 ? 1 : Infinity;
  return a / b;
}

function fmtMs(ms: number | null): string {
  return ms === null ? '–' : `${Math.round(ms)} ms`;
}

function fmtRatio(r: number): string {
  return Number.isFinite(r) ? r.toFixed(2) : '∞';
}
