import { EventEmitter } from 'node:events';
import { Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ChangeBus, ChangeTopic } from '../../core/bus/change-bus';
import { CoalescedRefresh } from './coalesced-refresh';

/** A snapshot proxies sync, ready to serve: as JSON (with its ETag) and as one SSE frame. */
export interface LiveSnapshot<T> {
  value: T;
  revision: string;
  etag: string;
  body: Buffer;
  sseFrame: Buffer;
}

export function liveSnapshot<T>(event: string, revision: string, value: T): LiveSnapshot<T> {
  const json = JSON.stringify(value);
  return { value, revision, etag: `"${revision}"`, body: Buffer.from(json), sseFrame: Buffer.from(`event: ${event}\ndata: ${json}\n\n`) };
}

const SAFETY_REFRESH_MS = 30_000;

/**
 * A snapshot proxies sync (the API key set, the blocked teams), cached per replica:
 * re-read on each notification of its change-bus topic — from any replica — and every
 * 30 s in case one was missed; listeners hear each new revision once.
 */
export abstract class BusSnapshotCache<T> implements OnModuleInit, OnModuleDestroy {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private live: LiveSnapshot<T> | null = null;
  private readonly refresher: CoalescedRefresh;
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  protected constructor(
    private readonly bus: ChangeBus,
    private readonly topic: ChangeTopic,
    name: string,
  ) {
    const logger = new Logger(name);
    this.refresher = new CoalescedRefresh(
      () => this.load(),
      (err) => logger.warn(`could not read the ${topic} snapshot: ${err.message}`),
    );
  }

  /** The latest snapshot, read from the database. */
  protected abstract read(): Promise<LiveSnapshot<T>>;

  async onModuleInit(): Promise<void> {
    this.unsubscribe = this.bus.subscribe(this.topic, () => void this.refresher.run());
    await this.refresher.run();
    this.timer = setInterval(() => void this.refresher.run(), SAFETY_REFRESH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.emitter.removeAllListeners();
    await this.refresher.idle();
  }

  get current(): LiveSnapshot<T> | null {
    return this.live;
  }

  refresh(): Promise<void> {
    return this.refresher.run();
  }

  onChange(listener: (live: LiveSnapshot<T>) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  private async load(): Promise<void> {
    const next = await this.read();
    if (this.live?.revision === next.revision) return;
    this.live = next;
    this.emitter.emit('change', next);
  }
}
