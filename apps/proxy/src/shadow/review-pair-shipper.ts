import { REVIEW_LIMITS, type ReviewPairIngestResult, type ShadowReviewPairInput } from '@switchyard/contracts';
import type { ControlPlaneClient } from '../control-plane/control-plane-client';
import type { Logger } from '../logger';

export interface PairShipperOptions {
  /** Pairs per POST (≤ 500). */
  batchSize: number;
  /** Longest a pair waits in memory before it is sent (ms). */
  flushMs: number;
  /** Pairs held while the control plane is unreachable; beyond it the oldest are dropped. */
  maxBuffered: number;
}

/**
 * Ships review pairs to `POST /api/v1/proxy/review-pairs` in batches, best effort:
 * pairs wait in memory (bounded) while the control plane is away and are retried on
 * the next flush, but are not spooled to disk. A lost pair shrinks a quality sample
 * a little and changes no number anyone is billed by; the money side of a shadow
 * call (its evaluation usage event) goes through the usage spool and is never lost.
 */
export class ReviewPairShipper {
  private buffer: ShadowReviewPairInput[] = [];
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  shipped = 0;
  dropped = 0;

  constructor(
    private readonly cp: ControlPlaneClient | null,
    private readonly opts: PairShipperOptions,
    private readonly log: Logger,
  ) {}

  push(pair: ShadowReviewPairInput): void {
    if (this.cp === null || this.stopped) {
      this.dropped++;
      return;
    }
    this.buffer.push(pair);
    this.trim();
    if (this.buffer.length >= this.opts.batchSize) void this.flush();
    else this.schedule();
  }

  /** Sends what is buffered (one POST at a time); resolves when done or given up for now. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.chain = this.chain.then(() => this.sendAll());
    return this.chain;
  }

  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer === null && !this.stopped) {
      this.timer = setTimeout(() => void this.flush(), this.opts.flushMs);
      this.timer.unref();
    }
  }

  private trim(): void {
    const over = this.buffer.length - this.opts.maxBuffered;
    if (over > 0) {
      this.buffer.splice(0, over);
      this.dropped += over;
    }
  }

  private async sendAll(): Promise<void> {
    const size = Math.min(this.opts.batchSize, REVIEW_LIMITS.batch);
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, size);
      const outcome = await this.send(batch);
      if (outcome === 'retry') {
        this.buffer.unshift(...batch);
        this.trim();
        this.schedule();
        return;
      }
    }
  }

  private async send(pairs: ShadowReviewPairInput[]): Promise<'done' | 'retry'> {
    try {
      const res = await this.cp!.post('/review-pairs', JSON.stringify({ pairs }));
      if (res.status >= 200 && res.status < 300) {
        const result = safeJson(res.text) as Partial<ReviewPairIngestResult> | null;
        const rejected = result?.rejected ?? [];
        if (rejected.length > 0) this.log.warn('control plane rejected review pairs', { rejected: rejected.slice(0, 5) });
        this.shipped += pairs.length - rejected.length;
        return 'done';
      }
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        // The pairs themselves (or this control plane's API) are wrong: retrying cannot help.
        this.log.warn('control plane refused a review-pair batch; dropped', { status: res.status, body: res.text.slice(0, 300) });
        this.dropped += pairs.length;
        return 'done';
      }
      return 'retry';
    } catch (err) {
      this.log.debug('control plane unreachable; review pairs kept for the next flush', { error: (err as Error).message });
      return 'retry';
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
