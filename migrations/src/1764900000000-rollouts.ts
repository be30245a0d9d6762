import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staged rollouts (issue 7): a version published to a canary share of proxies, its
 * thresholds and how it ended. Plus an index that lets a rollout's metrics read only
 * the two versions it compares instead of a whole day of usage.
 */
export class Rollouts1764900000000 implements MigrationInterface {
  name = 'Rollouts1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rollouts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      version integer NOT NULL UNIQUE REFERENCES policy_versions (version),
      baseline_version integer NOT NULL REFERENCES policy_versions (version),
      state text NOT NULL CHECK (state IN ('active', 'promoted', 'aborted', 'superseded')),
      canary_percent double precision NOT NULL CHECK (canary_percent > 0 AND canary_percent < 100),
      split_by text NOT NULL DEFAULT 'proxy' CHECK (split_by IN ('proxy')),
      thresholds jsonb NOT NULL,
      auto_abort boolean NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      ended_at timestamptz,
      ended_by text,
      end_reason text,
      restored_version integer REFERENCES policy_versions (version),
      CHECK (baseline_version < version)
    )`);
    // At most one rollout runs at a time: the fleet has one baseline.
    await q.query(`CREATE UNIQUE INDEX rollouts_one_active ON rollouts ((true)) WHERE state = 'active'`);
    await q.query(`CREATE INDEX rollouts_created_idx ON rollouts (created_at DESC)`);
    // On a partitioned table this creates the index on every partition, present and future.
    await q.query(`CREATE INDEX usage_events_version_ts_idx ON usage_events (policy_version, ts)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX usage_events_version_ts_idx`);
    await q.query(`DROP TABLE rollouts`);
  }
}
