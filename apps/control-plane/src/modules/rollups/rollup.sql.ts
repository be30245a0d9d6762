/**
 * The rollup of one day from raw events, in SQL: money is summed as NUMERIC by
 * Postgres, never as floats. Two scans of the day's partition fill two temporary
 * tables (dropped at commit): per-group totals, and histogram cells (group × bucket
 * index, for latency and TTFT in one pass). spend_daily and spend_daily_dim are then
 * built from those small tables, so the raw events are read twice, not six times.
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

/** $1 = day. */
export const ROLLUP_TOTALS_SQL = `
CREATE TEMP TABLE rollup_totals ON COMMIT DROP AS
SELECT kind, bucket, coalesce(served_model, '(none)') AS model, team,
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
GROUP BY 1, 2, 3, 4`;

/** $1 = day, $2 = histogram bounds (histogram.ts). One row per group × histogram × bucket index. */
export const ROLLUP_CELLS_SQL = `
CREATE TEMP TABLE rollup_cells ON COMMIT DROP AS
SELECT kind, bucket, model, team,
  CASE WHEN GROUPING(li) = 0 THEN 'latency' ELSE 'ttft' END AS hist,
  coalesce(li, ti) AS i,
  count(*) AS n
FROM (
  SELECT kind, bucket, coalesce(served_model, '(none)') AS model, team,
    width_bucket(floor(total_ms * 10)::bigint, $2::bigint[]) - 1 AS li,
    width_bucket(floor(ttft_ms * 10)::bigint, $2::bigint[]) - 1 AS ti
  FROM usage_events
  WHERE day = $1
) e
GROUP BY GROUPING SETS ((kind, bucket, model, team, li), (kind, bucket, model, team, ti))
HAVING GROUPING(li) = 0 OR ti IS NOT NULL`;

// Histogram objects are built from cells as text and cast once: string_agg is several
// times cheaper than jsonb_object_agg, and jsonb normalises key order either way.

/** $1 = day. */
export const ROLLUP_DAY_SQL = `
INSERT INTO spend_daily (day, kind, bucket, model, team, ${METRIC_COLUMNS.join(', ')}, latency_hist, ttft_hist)
SELECT $1::date, t.kind, t.bucket, t.model, t.team, ${METRIC_COLUMNS.map((c) => `t.${c}`).join(', ')},
  coalesce(h.latency, '{}'::jsonb), coalesce(h.ttft, '{}'::jsonb)
FROM rollup_totals t
LEFT JOIN (
  SELECT kind, bucket, model, team,
    (('{' || string_agg('"' || i || '":' || n, ',') FILTER (WHERE hist = 'latency') || '}')::jsonb) AS latency,
    (('{' || string_agg('"' || i || '":' || n, ',') FILTER (WHERE hist = 'ttft') || '}')::jsonb) AS ttft
  FROM rollup_cells GROUP BY 1, 2, 3, 4
) h USING (kind, bucket, model, team)`;

/** $1 = day: the day's totals and histograms summed per bucket, per model and per team. */
export const ROLLUP_DAY_DIMS_SQL = `
INSERT INTO spend_daily_dim (day, kind, dim, value, ${METRIC_COLUMNS.join(', ')}, latency_hist, ttft_hist)
WITH totals AS (
  SELECT kind, 'bucket' AS dim, bucket AS value, ${METRIC_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM rollup_totals GROUP BY kind, bucket
  UNION ALL
  SELECT kind, 'model' AS dim, model AS value, ${METRIC_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM rollup_totals GROUP BY kind, model
  UNION ALL
  SELECT kind, 'team' AS dim, team AS value, ${METRIC_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')} FROM rollup_totals GROUP BY kind, team
), cells AS (
  SELECT kind, 'bucket' AS dim, bucket AS value, hist, i, sum(n) AS n FROM rollup_cells GROUP BY kind, bucket, hist, i
  UNION ALL
  SELECT kind, 'model' AS dim, model AS value, hist, i, sum(n) AS n FROM rollup_cells GROUP BY kind, model, hist, i
  UNION ALL
  SELECT kind, 'team' AS dim, team AS value, hist, i, sum(n) AS n FROM rollup_cells GROUP BY kind, team, hist, i
), hists AS (
  SELECT kind, dim, value,
    (('{' || string_agg('"' || i || '":' || n, ',') FILTER (WHERE hist = 'latency') || '}')::jsonb) AS latency,
    (('{' || string_agg('"' || i || '":' || n, ',') FILTER (WHERE hist = 'ttft') || '}')::jsonb) AS ttft
  FROM cells GROUP BY 1, 2, 3
)
SELECT $1::date, t.kind, t.dim, t.value, ${METRIC_COLUMNS.map((c) => `t.${c}`).join(', ')},
  coalesce(h.latency, '{}'::jsonb), coalesce(h.ttft, '{}'::jsonb)
FROM totals t LEFT JOIN hists h USING (kind, dim, value)`;

/** Merges a set of rows' histogram column into one (counts added per bucket). */
const mergedHist = (col: string) =>
  `(SELECT coalesce(jsonb_object_agg(h.k, h.n), '{}'::jsonb)
      FROM (SELECT e.k, sum(e.n::bigint) AS n FROM unnest(array_agg(s.${col})) AS a(x), jsonb_each_text(a.x) AS e(k, n) GROUP BY e.k) h)`;

/**
 * spend_daily_dim for days $1..$2 from the spend_daily rows already there (a rebuild:
 * rollups fill it from their temporary tables). Gives the same rows as the rollup.
 */
export const REBUILD_DIMS_SQL = `
INSERT INTO spend_daily_dim (day, kind, dim, value, ${METRIC_COLUMNS.join(', ')}, latency_hist, ttft_hist)
SELECT s.day, s.kind, d.dim, d.value, ${METRIC_COLUMNS.map((c) => `sum(s.${c})`).join(', ')},
  ${mergedHist('latency_hist')}, ${mergedHist('ttft_hist')}
FROM spend_daily s
CROSS JOIN LATERAL (VALUES ('bucket', s.bucket), ('model', s.model), ('team', s.team)) AS d(dim, value)
WHERE s.day BETWEEN $1 AND $2
GROUP BY s.day, s.kind, d.dim, d.value`;
