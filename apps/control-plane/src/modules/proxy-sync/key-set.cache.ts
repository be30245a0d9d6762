import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { POLICY_STREAM_EVENTS, type ProxyKeySet } from '@switchyard/contracts';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';
import { KeysService } from '../keys/keys.service';
import { CoalescedRefresh } from './coalesced-refresh';

export interface LiveKeySet {
  keySet: ProxyKeySet;
  etag: string;
  body: Buffer;
  sseFrame: Buffer;
}

const SAFETY_REFRESH_MS = 30_000;

/** The API key set proxies sync, cached per replica and re-read on each `keys` notification. */
@Injectable()
export class KeySetCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('KeySetCache');
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private live: LiveKeySet | null = null;
  private readonly refresher = new CoalescedRefresh(
    () => this.load(),
    (err) => this.logger.warn(`could not read the API key set: ${err.message}`),
  );
  private unsubscribe: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly keys: KeysService,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
  ) {}

  async onModuleInit(): Promise<void> {
    this.unsubscribe = this.bus.subscribe('keys', () => void this.refresher.run());
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

  get current(): LiveKeySet | null {
    return this.live;
  }

  refresh(): Promise<void> {
    return this.refresher.run();
  }

  onChange(listener: (live: LiveKeySet) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  private async load(): Promise<void> {
    const keySet = await this.keys.proxyKeySet();
    if (this.live?.keySet.revision === keySet.revision) return;
    const json = JSON.stringify(keySet);
    this.live = {
      keySet,
      etag: `"${keySet.revision}"`,
      body: Buffer.from(json),
      sseFrame: Buffer.from(`event: ${POLICY_STREAM_EVENTS.keys}\ndata: ${json}\n\n`),
    };
    this.emitter.emit('change', this.live);
  }
}
