import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_USAGE_BATCH, type UsageEvent, type UsageIngestResult } from '@switchyard/contracts';
import type { ControlPlaneClient } from '../control-plane/control-plane-client';
import type { Logger } from '../logger';
import type { SendResult, UsageSpool } from './usage-spool';

export interface ShipperOptions {
  batchSize: number;
  flushMs: number;
  dataDir: string;
  onShipped?(count: number): void;
}

/**
 * Collects usage events in memory and sends them to `POST /api/v1/proxy/usage` when
 * `batchSize` are waiting or `flushMs` has passed. One send at a time, in order. A
 * batch the control plane cannot take now goes to the spool; while the spool holds
 * anything, new batches are appended behind it so replay keeps the original order.
 * Without a control plane every event goes to the spool.
 */
export class UsageShipper {
  /**
   * Events serialised at once: a flat string per event costs the garbage collector
   * almost nothing while it waits (an object graph that survives two scavenges gets
   * promoted and traced), and a batch body is then just a join.
   */
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private replayTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly cp: ControlPlaneClient | null,
    private readonly spool: UsageSpool,
    private readonly opts: ShipperOptions,
    private readonly log: Logger,
  ) {}

  /** Events waiting in the local spool. */
  get spooled(): number {
    return this.spool.pending;
  }

  start(): void {
    // Retry the spool on a slow clock; a successful send also triggers a replay at once.
    const every = Math.max(1000, this.opts.flushMs * 5);
    this.replayTimer = setInterval(() => void this.replaySpool(), every);
    this.replayTimer.unref();
    void this.replaySpool();
  }

  /** Queues one event; O(1) on the request path. */
  push(event: UsageEvent): void {
    this.buffer.push(JSON.stringify(event));
    if (this.buffer.length >= this.opts.batchSize) this.flush();
    else if (this.timer === null && !this.stopped) {
      this.timer = setTimeout(() => this.flush(), this.opts.flushMs);
      this.timer.unref();
    }
  }

  /** Hands everything buffered to the (serial) sender; resolves when it has been sent or spooled. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.buffer.length > 0) {
      const events = this.buffer;
      this.buffer = [];
      this.chain = this.chain.then(() => this.ship(events));
    }
    return this.chain;
  }

  /** Sends what is left (or spools it) and stops the timers. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.replayTimer) clearInterval(this.replayTimer);
    await this.flush();
  }

  private async ship(events: string[]): Promise<void> {
    for (let i = 0; i < events.length; i += MAX_USAGE_BATCH) {
      const batch = events.slice(i, i + MAX_USAGE_BATCH);
      if (this.cp === null || this.spool.pending > 0) {
        await this.spool.append(batch);
        continue;
      }
      if ((await this.send(batch)) !== 'sent') await this.spool.append(batch);
    }
    if (this.spool.pending > 0 && this.cp !== null) await this.replaySpool();
  }

  private replaying: Promise<boolean> | null = null;

  /** Replays the spool (at most one replay at a time); true when it is empty. */
  replaySpool(): Promise<boolean> {
    if (this.cp === null || this.spool.pending === 0) return Promise.resolve(this.spool.pending === 0);
    if (!this.replaying) {
      this.replaying = this.spool.replay((batch) => this.send(batch), MAX_USAGE_BATCH).finally(() => (this.replaying = null));
    }
    return this.replaying;
  }

  /** One POST. Rejected batches (a 400: the events themselves are wrong) are set aside, never retried forever. */
  private async send(events: string[]): Promise<SendResult> {
    const cp = this.cp!;
    try {
      const res = await cp.post('/usage', `{"events":[${events.join(',')}]}`);
      if (res.status >= 200 && res.status < 300) {
        const result = safeJson(res.text) as Partial<UsageIngestResult> | null;
        if (result?.rejected && result.rejected.length > 0) {
          await this.setAside(result.rejected.map((r) => ({ reason: r.reason, event: events[r.index] === undefined ? r.id : (JSON.parse(events[r.index]) as unknown) })));
        }
        this.opts.onShipped?.(events.length - (result?.rejected?.length ?? 0));
        return 'sent';
      }
      if (res.status === 400 || res.status === 413 || res.status === 422) {
        this.log.error('control plane refused a usage batch; set aside in usage-rejected.jsonl', { status: res.status, body: res.text.slice(0, 500) });
        await this.setAside(events.map((event) => ({ reason: `HTTP ${res.status}`, event: JSON.parse(event) as unknown })));
        return 'sent';
      }
      this.log.warn('usage batch not accepted; spooled for replay', { status: res.status });
      return 'retry-later';
    } catch (err) {
      this.log.warn('control plane unreachable; usage spooled for replay', { error: (err as Error).message });
      return 'retry-later';
    }
  }

  private async setAside(entries: Array<{ reason: string; event: unknown }>): Promise<void> {
    const text = entries.map((e) => JSON.stringify(e)).join('\n');
    await appendFile(join(this.opts.dataDir, 'usage-rejected.jsonl'), `${text}\n`).catch((err: Error) =>
      this.log.error('could not write usage-rejected.jsonl', { error: err.message }),
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
