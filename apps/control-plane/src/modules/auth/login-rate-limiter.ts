import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';

/** Every this many failures, rows past the window are deleted (the table stays small). */
const PRUNE_EVERY = 100;

/**
 * Failed-login limiter: at most `loginMaxAttempts` failures per (client address, email)
 * within `loginWindowSeconds`. The failures live in Postgres, so the limit holds across
 * every control-plane replica: an attacker spreading tries over N replicas gets no more.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly max: number;
  private readonly windowMs: number;
  private failuresSincePrune = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.max = config.loginMaxAttempts;
    this.windowMs = config.loginWindowSeconds * 1000;
  }

  /** Seconds until another try is allowed; 0 when allowed now. */
  async retryAfter(key: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n, (extract(epoch FROM min(at)) * 1000)::float8 AS first, (extract(epoch FROM now()) * 1000)::float8 AS now
       FROM (SELECT at FROM login_failures WHERE key = $1 AND at > now() - make_interval(secs => $2) ORDER BY at DESC LIMIT $3) recent`,
      [key, this.windowMs / 1000, this.max],
    );
    if (row.n < this.max) return 0;
    return Math.max(1, Math.ceil((row.first + this.windowMs - row.now) / 1000));
  }

  async fail(key: string): Promise<void> {
    await this.dataSource.query('INSERT INTO login_failures (key) VALUES ($1)', [key]);
    if (++this.failuresSincePrune >= PRUNE_EVERY) {
      this.failuresSincePrune = 0;
      await this.dataSource.query('DELETE FROM login_failures WHERE at < now() - make_interval(secs => $1)', [this.windowMs / 1000]);
    }
  }

  async succeed(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE key = $1', [key]);
  }
}
