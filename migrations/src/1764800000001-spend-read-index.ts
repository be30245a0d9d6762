import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /spend reads a dimension's daily rows from spend_daily_dim; with every column
 * it returns in the index, a year of them is an index-only scan and never touches the
 * wide heap rows (which carry the latency histograms). Replaces the plain read index.
 */
export class SpendReadIndex1764800000001 implements MigrationInterface {
  name = 'SpendReadIndex1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX spend_daily_dim_spend_idx ON spend_daily_dim (dim, kind, day)
      INCLUDE (value, requests, errors, prompt_tokens, completion_tokens, cached_tokens, cache_hits, unpriced_requests, cost_usd, baseline_cost_usd, cache_saved_usd)`);
    await q.query(`DROP INDEX spend_daily_dim_read_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX spend_daily_dim_read_idx ON spend_daily_dim (dim, kind, day)`);
    await q.query(`DROP INDEX spend_daily_dim_spend_idx`);
  }
}
