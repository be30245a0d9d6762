import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, audit log, settings, providers, the effective-dated price catalog, policies, API keys, proxies. */
export class CoreSchema1764400000000 implements MigrationInterface {
  name = 'CoreSchema1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE settings (
      key text PRIMARY KEY,
      value text NOT NULL
    )`);
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'finance', 'viewer', 'reviewer')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      action text NOT NULL,
      target text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`CREATE TABLE providers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL UNIQUE,
      base_url text NOT NULL,
      api_key_env text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE models (
      id text PRIMARY KEY,
      provider_id uuid NOT NULL REFERENCES providers (id),
      upstream_model text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('chat', 'embedding')),
      context_window integer NOT NULL CHECK (context_window > 0),
      enabled boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE model_prices (
      id bigserial PRIMARY KEY,
      model_id text NOT NULL REFERENCES models (id),
      effective_from timestamptz NOT NULL,
      input_per_million numeric(18, 6) NOT NULL CHECK (input_per_million >= 0),
      output_per_million numeric(18, 6) NOT NULL CHECK (output_per_million >= 0),
      cached_input_per_million numeric(18, 6) NOT NULL CHECK (cached_input_per_million >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      UNIQUE (model_id, effective_from)
    )`);
    await q.query(`CREATE TABLE policy_drafts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      base_version integer,
      content jsonb NOT NULL,
      created_by text NOT NULL,
      updated_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE policy_versions (
      version integer PRIMARY KEY CHECK (version > 0),
      hash char(64) NOT NULL,
      snapshot jsonb NOT NULL,
      author text NOT NULL,
      message text NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      rolled_back_from integer REFERENCES policy_versions (version)
    )`);
    await q.query(`CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      team text NOT NULL,
      default_bucket text,
      key_hash char(64) NOT NULL UNIQUE,
      prefix text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz
    )`);
    await q.query(`CREATE TABLE proxies (
      proxy_id text PRIMARY KEY,
      name text NOT NULL,
      labels jsonb NOT NULL DEFAULT '{}'::jsonb,
      applied_version integer,
      rejected_version integer,
      reject_reason text,
      spooled_events integer NOT NULL DEFAULT 0,
      started_at timestamptz,
      first_seen_at timestamptz NOT NULL DEFAULT now(),
      last_heartbeat_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['proxies', 'api_keys', 'policy_versions', 'policy_drafts', 'model_prices', 'models', 'providers', 'audit_log', 'users', 'settings']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
