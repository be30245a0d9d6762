import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Raw usage (partitioned by UTC day), daily spend rollups, budgets and their alerts.
 *
 * usage_events has no global unique index on `id`: its key is (day, id), so each
 * day's index stays small and is dropped with its partition. An event's ts is part of
 * its identity (the proxy creates id and ts together and its spool replays the stored
 * JSON verbatim), so a replay always lands on the same day and is a conflict there.
 */
export class SpendPipeline1764800000000 implements MigrationInterface {
  name = 'SpendPipeline1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE usage_events (
      id uuid NOT NULL,
      day date NOT NULL,
      ts timestamptz NOT NULL,
      proxy_id text NOT NULL,
      policy_version integer NOT NULL,
      kind text NOT NULL,
      endpoint text NOT NULL,
      bucket text NOT NULL,
      requested_model text NOT NULL,
      served_model text,
      api_key_id text,
      team text NOT NULL,
      stream boolean NOT NULL,
      prompt_tokens integer NOT NULL,
      completion_tokens integer NOT NULL,
      cached_tokens integer NOT NULL,
      usage_estimated boolean NOT NULL,
      cache text NOT NULL,
      cost_usd numeric(24, 12) NOT NULL,
      baseline_cost_usd numeric(24, 12) NOT NULL,
      cache_saved_usd numeric(24, 12) NOT NULL,
      ttft_ms double precision,
      total_ms double precision NOT NULL,
      status smallint NOT NULL,
      error_type text,
      attempts smallint NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (day, id)
    ) PARTITION BY RANGE (day)`);

    // One row per day × kind × bucket × served model × team. Histograms are
    // {"<bucket index>": count} over the fixed log-linear bounds of histogram.ts.
    const metrics = `
      requests bigint NOT NULL,
      errors bigint NOT NULL,
      prompt_tokens bigint NOT NULL,
      completion_tokens bigint NOT NULL,
      cached_tokens bigint NOT NULL,
      cache_hits bigint NOT NULL,
      cost_usd numeric(24, 12) NOT NULL,
      baseline_cost_usd numeric(24, 12) NOT NULL,
      cache_saved_usd numeric(24, 12) NOT NULL,
      unpriced_requests bigint NOT NULL,
      routed_requests bigint NOT NULL,
      routed_prompt_tokens bigint NOT NULL,
      routed_completion_tokens bigint NOT NULL,
      routed_cached_tokens bigint NOT NULL,
      routed_cost_usd numeric(24, 12) NOT NULL,
      latency_hist jsonb NOT NULL,
      ttft_hist jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()`;
    await q.query(`CREATE TABLE spend_daily (
      day date NOT NULL,
      kind text NOT NULL,
      bucket text NOT NULL,
      model text NOT NULL,
      team text NOT NULL,
      ${metrics},
      PRIMARY KEY (day, kind, bucket, model, team)
    )`);
    // The same figures summed over the other dimensions, one dimension at a time: a
    // year grouped by bucket reads 365 × buckets rows instead of 365 × buckets × models × teams.
    await q.query(`CREATE TABLE spend_daily_dim (
      day date NOT NULL,
      kind text NOT NULL,
      dim text NOT NULL CHECK (dim IN ('bucket', 'model', 'team')),
      value text NOT NULL,
      ${metrics},
      PRIMARY KEY (day, kind, dim, value)
    )`);
    await q.query(`CREATE INDEX spend_daily_dim_read_idx ON spend_daily_dim (dim, kind, day)`);

    await q.query(`CREATE TABLE budgets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      team text,
      monthly_usd numeric(24, 12) NOT NULL CHECK (monthly_usd > 0),
      thresholds integer[] NOT NULL,
      hard_limit boolean NOT NULL DEFAULT false,
      webhook_url text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // One budget per team and one overall (team NULL); budget teams are never empty strings.
    await q.query(`CREATE UNIQUE INDEX budgets_team_key ON budgets ((coalesce(team, '')))`);
    await q.query(`CREATE TABLE budget_alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      budget_id uuid NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
      team text,
      month date NOT NULL,
      threshold integer NOT NULL,
      spent_usd numeric(24, 12) NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      webhook_status text NOT NULL CHECK (webhook_status IN ('none', 'pending', 'delivered', 'failed')),
      webhook_attempts integer NOT NULL DEFAULT 0,
      webhook_error text,
      UNIQUE (budget_id, month, threshold)
    )`);
    await q.query(`CREATE INDEX budget_alerts_created_idx ON budget_alerts (created_at DESC)`);
    await q.query(`CREATE TABLE budget_blocked_teams (
      team text PRIMARY KEY,
      budget_id uuid NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
      reason text NOT NULL,
      since timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['budget_blocked_teams', 'budget_alerts', 'budgets', 'spend_daily_dim', 'spend_daily', 'usage_events']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
