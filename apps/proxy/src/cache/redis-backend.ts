import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';
import type { CacheBackend, SemanticWrite } from './cache-backend';
import { encodeRecord } from './cache-entry';
import { RedisSemanticFeed, semanticKeys } from './redis-semantic-feed';
import type { SemanticIndexes } from './semantic-index';

export interface RedisBackendOptions {
  url: string;
  /** Prepended to every key (tests use a unique one). */
  prefix: string;
  /** Longest a request waits on one Redis command before it counts as a miss. */
  commandTimeoutMs: number;
  /** Consecutive failures that open the breaker, and how long it stays open. */
  breakerFailures?: number;
  breakerCooldownMs?: number;
  /** Stream entries kept for replicas catching up (older ones are found by the full load). */
  feedLength?: number;
  onError?(op: string): void;
}

/**
 * Answers in Redis, shared by every replica. Built so Redis never hurts a request:
 * no offline queue (a command while disconnected fails at once), a short command
 * timeout, no resending of commands after a reconnect, and a breaker that stops
 * sending after a few failures and tries again after a cool-down. Reconnection
 * runs forever in the background; the semantic feed reloads once Redis is back.
 */
export class RedisBackend implements CacheBackend {
  readonly kind = 'redis';
  readonly client: Redis;
  readonly feed: RedisSemanticFeed;
  /** Network round trips made for requests (lookups and stores), for the benchmark and metrics. */
  roundTrips = 0;
  private failures = 0;
  private openUntil = 0;
  private readonly breakerFailures: number;
  private readonly breakerCooldownMs: number;
  private readonly feedLength: number;
  private readonly keys: ReturnType<typeof semanticKeys>;
  private sweepTimer: NodeJS.Timeout;
  private lastErrorLog = 0;

  constructor(
    private readonly opts: RedisBackendOptions,
    semantic: SemanticIndexes,
    private readonly log: Logger,
  ) {
    this.breakerFailures = opts.breakerFailures ?? 3;
    this.breakerCooldownMs = opts.breakerCooldownMs ?? 1000;
    this.feedLength = opts.feedLength ?? 20_000;
    this.keys = semanticKeys(opts.prefix);
    const base: RedisOptions = {
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      // Reconnect forever, backing off to 2 s: a Redis that comes back is used again.
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
      connectionName: 'switchyard-proxy-cache',
    };
    this.client = new Redis(opts.url, { ...base, commandTimeout: opts.commandTimeoutMs });
    this.client.on('error', (err: Error) => this.logError('connection', err));
    this.feed = new RedisSemanticFeed(opts.url, base, this.keys, semantic, log, (op, err) => this.logError(op, err));
    // A replica that was cut off may have missed entries: reload the index once Redis is back.
    this.client.on('ready', () => {
      this.failures = 0;
      this.openUntil = 0;
      this.feed.requestReload();
    });
    this.feed.start();
    this.sweepTimer = setInterval(() => void this.sweepExpired(), 10_000);
    this.sweepTimer.unref();
  }

  private logError(op: string, err: Error): void {
    this.opts.onError?.(op);
    const now = Date.now();
    if (now - this.lastErrorLog > 10_000) {
      this.lastErrorLog = now;
      this.log.warn('cache: Redis unavailable; requests are served uncached until it is back', { op, error: err.message });
    }
  }

  available(): boolean {
    return this.client.status === 'ready' && Date.now() >= this.openUntil;
  }

  private ok(): void {
    this.failures = 0;
  }

  private failed(op: string, err: Error): void {
    if (++this.failures >= this.breakerFailures) this.openUntil = Date.now() + this.breakerCooldownMs;
    this.logError(op, err);
  }

  answerKey(key: string): string {
    return `${this.opts.prefix}a:${key}`;
  }

  async get(keys: readonly string[]): Promise<Array<Buffer | null>> {
    if (keys.length === 0 || !this.available()) return keys.map(() => null);
    this.roundTrips++;
    try {
      const values = keys.length === 1 ? [await this.client.getBuffer(this.answerKey(keys[0]))] : await this.client.mgetBuffer(...keys.map((k) => this.answerKey(k)));
      this.ok();
      return values;
    } catch (err) {
      this.failed('get', err as Error);
      return keys.map(() => null);
    }
  }

  async put(answerKey: string, value: Buffer, ttlMs: number, semantic: SemanticWrite | null): Promise<boolean> {
    if (!this.available()) return false;
    this.roundTrips++;
    try {
      const ttl = Math.max(1, Math.round(ttlMs));
      if (!semantic) {
        await this.client.set(this.answerKey(answerKey), value, 'PX', ttl);
      } else {
        // One pipeline, one round trip; the feed entry goes last, so a replica reading it finds the answer stored.
        const rec = encodeRecord(semantic.record);
        const hash = this.keys.partition(semantic.partition);
        const results = await this.client
          .pipeline()
          .set(this.answerKey(answerKey), value, 'PX', ttl)
          .hset(hash, answerKey, rec)
          .pexpire(hash, ttl, 'NX')
          .pexpire(hash, ttl, 'GT')
          .sadd(this.keys.partitions, semantic.partition)
          .zadd(this.keys.expiries, semantic.record.expiresAtMs, `${semantic.partition}:${answerKey}`)
          .xadd(this.keys.log, 'MAXLEN', '~', this.feedLength, '*', 'p', semantic.partition, 'r', rec)
          .exec();
        const failed = results?.find(([err]) => err !== null);
        if (!results || failed) throw failed?.[0] ?? new Error('pipeline was not executed');
      }
      this.ok();
      return true;
    } catch (err) {
      this.failed('put', err as Error);
      return false;
    }
  }

  /** Drops semantic entries whose answers expired (any replica may; it is idempotent). */
  private async sweepExpired(): Promise<void> {
    if (!this.available()) return;
    try {
      const due = await this.client.zrangebyscore(this.keys.expiries, '-inf', Date.now(), 'LIMIT', 0, 1000);
      if (due.length === 0) return;
      const p = this.client.pipeline();
      for (const member of due) {
        const at = member.lastIndexOf(':');
        p.hdel(this.keys.partition(member.slice(0, at)), member.slice(at + 1));
      }
      p.zrem(this.keys.expiries, ...due);
      await p.exec();
    } catch (err) {
      this.logError('sweep', err as Error);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.feed.stop();
    this.client.disconnect();
  }
}
