import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { POLICY_STREAM_EVENTS, type PolicySnapshot } from '@switchyard/contracts';
import { DataSource, MoreThan } from 'typeorm';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';
import { PolicyPublisher } from '../policies/policy-publisher';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { orderedSnapshot } from '../policies/policy-snapshot';
import { CoalescedRefresh } from './coalesced-refresh';

/** The latest version, serialised once for every proxy that asks. */
export interface LivePolicy {
  version: number;
  snapshot: PolicySnapshot;
  /** `"<version>"`. */
  etag: string;
  /** JSON body of `GET /proxy/policy`. */
  body: Buffer;
  /** The complete `event: policy` SSE frame. */
  sseFrame: Buffer;
}

/** Re-check the database this often even without a notification (a lost NOTIFY must not strand proxies). */
const SAFETY_REFRESH_MS = 30_000;

/**
 * The latest published snapshot, held in memory by each replica so that 50 proxies
 * polling or streaming cost no database work. A bus notification (from any replica)
 * wakes a re-read from the database — the payload is only a hint — and listeners
 * (long-polls, SSE streams) hear about each newer version.
 */
@Injectable()
export class LivePolicyCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LivePolicyCache');
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private live: LivePolicy | null = null;
  private readonly refresher = new CoalescedRefresh(
    () => this.loadNewer(),
    (err) => this.logger.warn(`could not read the latest policy version: ${err.message}`),
  );
  private readonly unsubscribe: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
    private readonly publisher: PolicyPublisher,
  ) {}

  async onModuleInit(): Promise<void> {
    // Published here: the snapshot is in memory already, in contract key order.
    this.unsubscribe.push(this.publisher.onPublished((row) => this.accept(row.version, row.snapshot)));
    this.unsubscribe.push(
      this.bus.subscribe('policy', (hint) => {
        // Versions only grow: a hint at or below what we hold needs no read.
        if (/^\d+$/.test(hint) && this.live && Number(hint) <= this.live.version) return;
        void this.refresher.run();
      }),
    );
    await this.refresher.run();
    this.timer = setInterval(() => void this.refresher.run(), SAFETY_REFRESH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.timer) clearInterval(this.timer);
    this.emitter.removeAllListeners();
    await this.refresher.idle();
  }

  get current(): LivePolicy | null {
    return this.live;
  }

  /** Re-reads the database now (e.g. before answering a heartbeat, or in tests). */
  refresh(): Promise<void> {
    return this.refresher.run();
  }

  /** Called with every newer version this replica learns of; returns an unsubscribe function. */
  onChange(listener: (live: LivePolicy) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  private async loadNewer(): Promise<void> {
    const row = await this.dataSource.getRepository(PolicyVersionEntity).findOne({
      where: { version: MoreThan(this.live?.version ?? 0) },
      order: { version: 'DESC' },
    });
    if (row) this.accept(row.version, orderedSnapshot(row.snapshot));
  }

  private accept(version: number, snapshot: PolicySnapshot): void {
    if (this.live && version <= this.live.version) return;
    const json = JSON.stringify(snapshot);
    this.live = {
      version,
      snapshot,
      etag: `"${version}"`,
      body: Buffer.from(json),
      sseFrame: Buffer.from(`event: ${POLICY_STREAM_EVENTS.policy}\ndata: ${json}\n\n`),
    };
    this.emitter.emit('change', this.live);
  }
}
