import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { QUEUE_DRIVER, type QueueDriver } from '../../core/queue/queue-driver';

export const ROLLUP_QUEUE = 'spend-rollups';

export type RollupJob = { kind: 'day'; day: string } | { kind: 'range'; from: string; to: string };

/**
 * Enqueues rollups. Ingestion asks for a day's rollup after every batch; one job per
 * day and time window absorbs them all. The job id is `rollup:<day>:<window>`, not
 * just the day, because BullMQ keeps finished jobs (QUEUE_DEFAULTS.keepCompleted) and
 * would silently ignore a new job under a finished one's id. The job runs after its
 * window has closed (plus a margin for clock skew between replicas), so it sees every
 * batch that asked for it; a batch stored after that lands in the next window's job.
 */
@Injectable()
export class RollupQueue {
  constructor(
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async day(day: string, now = Date.now()): Promise<void> {
    const window = this.config.rollupDelayMs;
    const slot = Math.floor(now / window);
    const margin = Math.min(1_000, window);
    await this.queue.enqueue<RollupJob>(ROLLUP_QUEUE, 'rollup-day', { kind: 'day', day }, {
      jobId: `rollup:${day}:${slot}`,
      delayMs: (slot + 1) * window - now + margin,
    });
  }

  /** A recompute of a day range (admin endpoint); returns the job id. */
  async range(from: string, to: string): Promise<string> {
    const jobId = `recompute_${from}_${to}_${randomUUID().slice(0, 8)}`;
    await this.queue.enqueue<RollupJob>(ROLLUP_QUEUE, 'recompute-range', { kind: 'range', from, to }, { jobId });
    return jobId;
  }
}
