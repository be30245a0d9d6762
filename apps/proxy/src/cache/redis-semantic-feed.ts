import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';
import { decodeRecord } from './cache-entry';
import type { SemanticIndexes } from './semantic-index';

/**
 * Redis layout of the shared semantic cache (all under the cache prefix):
 * - `s:p:<partition>` hash: answer key → semantic record (vector, signature, lifetime)
 * - `s:parts` set of partitions; `s:exp` sorted set of `<partition>:<answer key>` by expiry
 * - `s:log` stream of every new entry, trimmed to the recent ones
 */
export function semanticKeys(prefix: string) {
  return {
    log: `${prefix}s:log`,
    partitions: `${prefix}s:parts`,
    expiries: `${prefix}s:exp`,
    partition: (p: string) => `${prefix}s:p:${p}`,
  };
}

const BLOCK_MS = 1000;
/** Entries indexed between yields to the event loop while loading (an insert costs up to a millisecond). */
const LOAD_CHUNK = 100;

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Keeps this replica's semantic index in step with every other's. On start, and
 * again whenever Redis comes back after an outage, it loads every stored entry
 * (noting the stream's position first, so nothing written meanwhile is missed),
 * then follows the stream with a blocking XREAD on a connection of its own: an
 * entry written by any replica is indexed here well within a second.
 */
export class RedisSemanticFeed {
  private readonly reader: Redis;
  private lastId = '0-0';
  private reload = true;
  private stopped = false;
  private running: Promise<void> | null = null;
  private loadedOnce!: () => void;
  /** Resolves after the first full load (tests and benchmarks wait for it). */
  readonly loaded = new Promise<void>((resolve) => (this.loadedOnce = resolve));
  /** Entries indexed from Redis (loads and stream). */
  indexed = 0;

  constructor(
    url: string,
    base: RedisOptions,
    private readonly keys: ReturnType<typeof semanticKeys>,
    private readonly semantic: SemanticIndexes,
    private readonly log: Logger,
    private readonly onError: (op: string, err: Error) => void,
  ) {
    this.reader = new Redis(url, { ...base, commandTimeout: BLOCK_MS + 2000, connectionName: 'switchyard-proxy-cache-feed' });
    this.reader.on('error', (err: Error) => onError('feed-connection', err));
  }

  start(): void {
    this.running ??= this.loop();
  }

  requestReload(): void {
    this.reload = true;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      if (this.reader.status !== 'ready') {
        await sleep(100);
        continue;
      }
      try {
        if (this.reload) {
          this.reload = false;
          await this.loadAll();
        }
        const res = (await this.reader.xreadBuffer('COUNT', 500, 'BLOCK', BLOCK_MS, 'STREAMS', this.keys.log, this.lastId)) as Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null;
        if (!res) continue;
        let n = 0;
        for (const [, entries] of res) {
          for (const [id, fields] of entries) {
            this.lastId = id.toString();
            this.index(fields);
            if (++n % LOAD_CHUNK === 0) await tick();
          }
        }
      } catch (err) {
        if (this.stopped) break;
        this.onError('feed', err as Error);
        this.reload = true;
        await sleep(250);
      }
    }
  }

  private index(fields: Buffer[]): void {
    let partition: string | null = null;
    let raw: Buffer | null = null;
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = fields[i].toString();
      if (name === 'p') partition = fields[i + 1].toString();
      else if (name === 'r') raw = fields[i + 1];
    }
    const record = raw && decodeRecord(raw);
    if (partition && record && this.semantic.add(partition, record)) this.indexed++;
  }

  private async loadAll(): Promise<void> {
    const started = performance.now();
    const last = await this.reader.xrevrange(this.keys.log, '+', '-', 'COUNT', 1);
    this.lastId = last.length > 0 ? last[0][0] : '0-0';
    let loaded = 0;
    let cursor = '0';
    do {
      const [next, parts] = await this.reader.sscan(this.keys.partitions, cursor, 'COUNT', 100);
      cursor = next;
      for (const p of parts) {
        let hc = '0';
        let seen = 0;
        do {
          const [nextField, kv] = await this.reader.hscanBuffer(this.keys.partition(p), hc, 'COUNT', 500);
          hc = nextField.toString();
          for (let i = 0; i + 1 < kv.length; i += 2) {
            seen++;
            const record = decodeRecord(kv[i + 1]);
            if (record && this.semantic.add(p, record)) {
              loaded++;
              if (loaded % LOAD_CHUNK === 0) await tick();
            }
          }
        } while (hc !== '0' && !this.stopped);
        // Its hash expired with its last entry: forget the partition.
        if (seen === 0) await this.reader.srem(this.keys.partitions, p);
      }
    } while (cursor !== '0' && !this.stopped);
    this.indexed += loaded;
    if (loaded > 0) this.log.info('cache: semantic entries loaded from Redis', { entries: loaded, ms: Math.round(performance.now() - started) });
    this.loadedOnce();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.reader.disconnect();
    await this.running;
  }
}
