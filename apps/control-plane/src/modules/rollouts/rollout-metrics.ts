import type { CohortMetrics } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Statuses that count as errors when comparing cohorts: upstream failures (5xx), rate
 * limits (429) and 404 — a bucket or model the new policy no longer serves. Other 4xx
 * are the client's doing and say nothing about the policy.
 */
export const ERROR_STATUS_SQL = '(status >= 500 OR status IN (404, 429))';

/**
 * Request outcomes per policy version over a window, from the raw usage events
 * (production traffic only; shadow/evaluation requests are not the fleet's traffic).
 * The `day` bound lets Postgres skip every other day's partition.
 */
export async function cohortMetrics(m: EntityManager, versions: number[], from: Date, to: Date): Promise<Map<number, CohortMetrics>> {
  const rows: Array<{ version: number; requests: number; errors: number; p95: number | null; cpr: string | null }> = await m.query(
    `SELECT policy_version AS version,
            count(*)::int AS requests,
            (count(*) FILTER (WHERE ${ERROR_STATUS_SQL}))::int AS errors,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY total_ms) AS p95,
            round(sum(cost_usd) / count(*), 12)::text AS cpr
       FROM usage_events
      WHERE day >= ($2::timestamptz AT TIME ZONE 'UTC')::date AND day <= ($3::timestamptz AT TIME ZONE 'UTC')::date
        AND ts >= $2 AND ts <= $3
        AND kind = 'production'
        AND policy_version = ANY($1::int[])
      GROUP BY policy_version`,
    [versions, from.toISOString(), to.toISOString()],
  );
  const out = new Map<number, CohortMetrics>();
  for (const v of versions) out.set(v, { version: v, requests: 0, errors: 0, errorRate: null, p95LatencyMs: null, costPerRequestUsd: null });
  for (const r of rows) {
    const requests = Number(r.requests);
    out.set(Number(r.version), {
      version: Number(r.version),
      requests,
      errors: Number(r.errors),
      errorRate: requests > 0 ? Number(r.errors) / requests : null,
      p95LatencyMs: r.p95 === null ? null : Number(r.p95),
      costPerRequestUsd: r.cpr === null ? null : trimZeros(r.cpr),
    });
  }
  return out;
}

/** `0.000123000000` → `0.000123` (exact: only trailing zeros go). */
function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
