import type { DataSource } from 'typeorm';

/** 'YYYY-MM-DD' ± days. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One day of raw usage generated in Postgres (generate_series), shaped like real
 * traffic: 20 buckets, each served by 3 of 50 models, 10 teams (600 groups); 10 %
 * cache hits, 10 % requests pinned to a model, 2 % errors; costs with 12 decimals;
 * latency log-normal around a per-model median (TTFT on streamed requests). Loaded
 * into a plain table, indexed, then attached as the day's partition: the fastest way
 * to put a million rows in place (the ingest path is measured separately).
 */
export async function seedUsageDay(ds: DataSource, day: string, events: number): Promise<void> {
  const name = `usage_events_p${day.replace(/-/g, '')}`;
  const next = shiftDay(day, 1);
  await ds.query(`CREATE TABLE ${name} (LIKE usage_events INCLUDING DEFAULTS)`);
  await ds.query(
    `INSERT INTO ${name} (id, day, ts, proxy_id, policy_version, kind, endpoint, bucket, requested_model, served_model,
       api_key_id, team, stream, prompt_tokens, completion_tokens, cached_tokens, usage_estimated, cache,
       cost_usd, baseline_cost_usd, cache_saved_usd, ttft_ms, total_ms, status, error_type, attempts)
     SELECT gen_random_uuid(), $1::date, $1::date + (i % 86400) * interval '1 second', 'proxy-' || (i % 4), 1, 'production', 'chat.completions',
       'bucket-' || b,
       CASE WHEN i % 10 = 0 THEN 'vendor/model-' || m ELSE 'bucket-' || b END,
       'vendor/model-' || m, 'key-' || t, 'team-' || t, i % 2 = 0,
       p, c, CASE WHEN i % 5 = 0 THEN p / 4 ELSE 0 END, false,
       CASE WHEN i % 10 = 3 THEN 'exact' ELSE 'miss' END,
       CASE WHEN i % 10 = 3 THEN 0 ELSE round((random() * 0.01)::numeric, 12) END,
       round((random() * 0.03)::numeric, 12),
       CASE WHEN i % 10 = 3 THEN round((random() * 0.01)::numeric, 12) ELSE 0 END,
       CASE WHEN i % 2 = 0 THEN round((median / 4 * exp(random() - 0.5))::numeric, 3)::float8 END,
       round((median * exp(random() * 1.2 - 0.6))::numeric, 3)::float8,
       CASE WHEN i % 50 = 0 THEN 502 ELSE 200 END, NULL, 1
     FROM (
       SELECT i, i % 20 AS b, ((i % 20) * 7 + (i / 20 % 3) * 13) % 50 AS m, (i / 60) % 10 AS t,
         (50 + (i * 31) % 4000) AS p, (10 + (i * 17) % 1500) AS c
       FROM generate_series(1, $2::int) i
     ) g, LATERAL (SELECT 200 + (g.m * 37) % 800 AS median) l`,
    [day, events],
  );
  await ds.query(`ALTER TABLE ${name} ADD PRIMARY KEY (day, id)`);
  // A matching CHECK lets ATTACH skip its validation scan.
  await ds.query(`ALTER TABLE ${name} ADD CONSTRAINT ${name}_range CHECK (day >= '${day}' AND day < '${next}')`);
  await ds.query(`ALTER TABLE usage_events ATTACH PARTITION ${name} FOR VALUES FROM ('${day}') TO ('${next}')`);
  await ds.query(`ALTER TABLE ${name} DROP CONSTRAINT ${name}_range`);
  await ds.query(`ANALYZE ${name}`);
}

/**
 * spend_daily rows for every day of a range: 20 buckets × 50 models (each model in one
 * of 5 teams), production, with money at 12 decimals and small latency histograms.
 */
export async function seedSpendDaily(ds: DataSource, from: string, to: string): Promise<number> {
  await ds.query(
    `INSERT INTO spend_daily (day, kind, bucket, model, team, requests, errors, prompt_tokens, completion_tokens, cached_tokens,
       cache_hits, cost_usd, baseline_cost_usd, cache_saved_usd, unpriced_requests, routed_requests, routed_prompt_tokens,
       routed_completion_tokens, routed_cached_tokens, routed_cost_usd, latency_hist, ttft_hist)
     SELECT d::date, 'production', 'bucket-' || lpad(b::text, 2, '0'), 'vendor/model-' || lpad(m::text, 2, '0'), 'team-' || (m % 5),
       r, r / 50, r * 900, r * 300, r * 100, r / 10,
       round((random() * 20)::numeric, 12), round((random() * 60)::numeric, 12), round((random() * 2)::numeric, 12), 0,
       r - r / 10, r * 800, r * 270, r * 90, round((random() * 18)::numeric, 12),
       jsonb_build_object((200 + b)::text, r / 2, (260 + m)::text, r / 3, '330', r - r / 2 - r / 3),
       jsonb_build_object((150 + b)::text, r / 2, '200', r - r / 2)
     FROM generate_series($1::date, $2::date, interval '1 day') d, generate_series(1, 20) b, generate_series(1, 50) m,
       LATERAL (SELECT 500 + (b * m + extract(doy FROM d)::int) % 700 AS r) x`,
    [from, to],
  );
  await ds.query('ANALYZE spend_daily');
  const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM spend_daily WHERE day BETWEEN $1 AND $2', [from, to]);
  return n;
}
