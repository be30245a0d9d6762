import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blind quality review (issue 9): review pairs (shadow-sampled or imported) and one
 * row per (pair, reviewer) holding the side the candidate was shown on and, once
 * given, the judgement — stored as candidate/baseline/tie so results never depend on
 * the per-reviewer a/b shuffle.
 */
export class ReviewPairs1764400900000 implements MigrationInterface {
  name = 'ReviewPairs1764400900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE review_pairs (
      id uuid PRIMARY KEY,
      source text NOT NULL CHECK (source IN ('shadow', 'import')),
      ts timestamptz NOT NULL,
      bucket text NOT NULL,
      team text NOT NULL DEFAULT '',
      policy_version integer,
      proxy_id text,
      prompt jsonb NOT NULL,
      candidate_model text NOT NULL,
      candidate_output text NOT NULL,
      candidate_usage jsonb,
      baseline_model text NOT NULL,
      baseline_output text NOT NULL,
      baseline_usage jsonb,
      content_hash char(64),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX review_pairs_ts_idx ON review_pairs (ts)`);
    await q.query(`CREATE INDEX review_pairs_group_idx ON review_pairs (bucket, candidate_model, baseline_model)`);
    // Re-importing the same file stores nothing twice; shadow pairs dedupe on id alone
    // (two real requests may well have identical text).
    await q.query(`CREATE UNIQUE INDEX review_pairs_import_hash_key ON review_pairs (content_hash) WHERE source = 'import'`);
    await q.query(`CREATE TABLE review_judgements (
      pair_id uuid NOT NULL REFERENCES review_pairs (id) ON DELETE CASCADE,
      reviewer_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      candidate_side char(1) NOT NULL CHECK (candidate_side IN ('a', 'b')),
      served_at timestamptz NOT NULL DEFAULT now(),
      choice text CHECK (choice IN ('candidate', 'baseline', 'tie')),
      note text,
      judged_at timestamptz,
      PRIMARY KEY (pair_id, reviewer_id),
      CHECK ((choice IS NULL) = (judged_at IS NULL))
    )`);
    await q.query(`CREATE INDEX review_judgements_reviewer_idx ON review_judgements (reviewer_id, served_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE review_judgements`);
    await q.query(`DROP TABLE review_pairs`);
  }
}
