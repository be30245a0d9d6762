/**
 * The rollup of one day, from raw events, in SQL: money is summed as NUMERIC by
 * Postgres, never as floats. $1 = day, $2 = histogram bounds (histogram.ts).
 *
 * A request is a cache hit when the proxy answered from its cache (it costs nothing).
 * It is "routed" when the policy chose its model: an upstream chat request whose
 * served model differs from the model the client named. Only routed requests are
 * re-split by the what-if simulator; pinned requests, cache hits and embeddings keep
 * their actual cost there.
 */
const HIT = `cache IN ('exact', 'semantic')`;
const ROUTED = `(cache NOT IN ('exact', 'semantic') AND endpoint = 'chat.completions' AND served_model IS NOT NULL AND served_model <> requested_model)`;

export const METRIC_COLUMNS = [
  'requests',
  'errors',
  'prompt_tokens',
  'completion_tokens',
  'cached_tokens',
  'cache_hits',
  'cost_usd',
  'baseline_cost_usd',
  'cache_saved_usd',
  'unpriced_requests',
  'routed_requests',
  'routed_prompt_tokens',
  'routed_completion_tokens',
  'routed_cached_tokens',
  'routed_cost_usd',
] as const;

export const ROLLUP_DAY_SQL = `
INSERT INTO spend_daily (day, kind, bucket, model, team, ${METRIC_COLUMNS.join(', ')}, latency_hist, ttft_hist)
WITH by_latency AS (
  SELECT kind, bucket, coalesce(served_model, '(none)') AS model, team,
    width_bucket(floor(total_ms * 10)::bigint, $2::bigint[]) - 1 AS li,
    count(*) AS requests,
    count(*) FILTER (WHERE status >= 400) AS errors,
    sum(prompt_tokens) AS prompt_tokens,
    sum(completion_tokens) AS completion_tokens,
    sum(cached_tokens) AS cached_tokens,
    count(*) FILTER (WHERE ${HIT}) AS cache_hits,
    sum(cost_usd) AS cost_usd,
    sum(baseline_cost_usd) AS baseline_cost_usd,
    sum(cache_saved_usd) AS cache_saved_usd,
    count(*) FILTER (WHERE NOT ${HIT} AND prompt_tokens + completion_tokens > 0 AND cost_usd = 0) AS unpriced_requests,
    count(*) FILTER (WHERE ${ROUTED}) AS routed_requests,
    coalesce(sum(prompt_tokens) FILTER (WHERE ${ROUTED}), 0) AS routed_prompt_tokens,
    coalesce(sum(completion_tokens) FILTER (WHERE ${ROUTED}), 0) AS routed_completion_tokens,
    coalesce(sum(cached_tokens) FILTER (WHERE ${ROUTED}), 0) AS routed_cached_tokens,
    coalesce(sum(cost_usd) FILTER (WHERE ${ROUTED}), 0) AS routed_cost_usd
  FROM usage_events
  WHERE day = $1
  GROUP BY 1, 2, 3, 4, 5
), totals AS (
  SELECT kind, bucket, model, team,
    ${METRIC_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')},
    jsonb_object_agg(li::text, requests) AS latency_hist
  FROM by_latency
  GROUP BY 1, 2, 3, 4
), ttft AS (
  SELECT kind, bucket, model, team, jsonb_object_agg(ti::text, n) AS ttft_hist
  FROM (
    SELECT kind, bucket, coalesce(served_model, '(none)') AS model, team,
      width_bucket(floor(ttft_ms * 10)::bigint, $2::bigint[]) - 1 AS ti, count(*) AS n
    FROM usage_events
    WHERE day = $1 AND ttft_ms IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ) t
  GROUP BY 1, 2, 3, 4
)
SELECT $1::date, t.kind, t.bucket, t.model, t.team, ${METRIC_COLUMNS.map((c) => `t.${c}`).join(', ')},
  t.latency_hist, coalesce(f.ttft_hist, '{}'::jsonb)
FROM totals t LEFT JOIN ttft f USING (kind, bucket, model, team)`;

/** Merges a set of rows' histogram column into one (counts added per bucket). */
const mergedHist = (col: string) =>
  `(SELECT coalesce(jsonb_object_agg(h.k, h.n), '{}'::jsonb)
      FROM (SELECT e.k, sum(e.n::bigint) AS n FROM unnest(array_agg(s.${col})) AS a(x), jsonb_each_text(a.x) AS e(k, n) GROUP BY e.k) h)`;

/** spend_daily_dim for days $1..$2: each day's rows summed per bucket, per model and per team. */
export const ROLLUP_DIMS_SQL = `
INSERT INTO spend_daily_dim (day, kind, dim, value, ${METRIC_COLUMNS.join(', ')}, latency_hist, ttft_hist)
SELECT s.day, s.kind, d.dim, d.value, ${METRIC_COLUMNS.map((c) => `sum(s.${c})`).join(', ')},
  ${mergedHist('latency_hist')}, ${mergedHist('ttft_hist')}
FROM spend_daily s
CROSS JOIN LATERAL (VALUES ('bucket', s.bucket), ('model', s.model), ('team', s.team)) AS d(dim, value)
WHERE s.day BETWEEN $1 AND $2
GROUP BY s.day, s.kind, d.dim, d.value`;
