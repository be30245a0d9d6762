import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins, shared by every control-plane replica: the login limit holds for the
 * whole deployment, not per replica. Rows older than the limiter's window are pruned.
 */
export class LoginFailures1765000000000 implements MigrationInterface {
  name = 'LoginFailures1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE login_failures (
      key text NOT NULL,
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX login_failures_key_at_idx ON login_failures (key, at)`);
    await q.query(`CREATE INDEX login_failures_at_idx ON login_failures (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_failures`);
  }
}
