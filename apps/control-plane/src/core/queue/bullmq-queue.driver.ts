import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { QUEUE_DEFAULTS, type JobHandler, type JobOptions, type QueueDriver } from './queue-driver';

/** How long enqueue() waits for Redis before handing the job to the reconnecting client. */
const ENQUEUE_WAIT_MS = 1_000;
/** How long close() lets BullMQ finish cleanly before it cuts the connections (Redis may be gone). */
const CLOSE_WAIT_MS = 3_000;

/** Scaled mode: BullMQ on Redis; any number of replicas share the queues. */
export class BullMqQueueDriver implements QueueDriver {
  readonly kind = 'bullmq' as const;
  private readonly logger = new Logger('BullMQ');
  private readonly connection: Redis;
  private readonly workerConnections: Redis[] = [];
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  /** Adds still waiting for Redis (it was unreachable when they were asked for). */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(redisUrl: string, private readonly prefix = 'switchyard') {
    // BullMQ requires maxRetriesPerRequest null on worker connections.
    this.connection = new IORedis(redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', () => undefined);
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection: this.connection,
        prefix: this.prefix,
        defaultJobOptions: {
          attempts: QUEUE_DEFAULTS.attempts,
          backoff: { type: 'exponential', delay: QUEUE_DEFAULTS.backoffMs },
          removeOnComplete: QUEUE_DEFAULTS.keepCompleted,
          removeOnFail: QUEUE_DEFAULTS.keepFailed,
        },
      });
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  /**
   * Adds the job. While Redis is unreachable the client holds the command until it
   * reconnects (maxRetriesPerRequest: null); the caller — e.g. usage ingestion, whose
   * events are already stored — is not made to wait for that: after a short wait the
   * add goes on in the background and lands when Redis is back.
   */
  async enqueue<T>(queue: string, name: string, data: T, options: JobOptions = {}): Promise<void> {
    const adding = this.queue(queue).add(name, data, {
      jobId: options.jobId?.replace(/:/g, '_'),
      delay: options.delayMs,
      attempts: options.attempts,
    });
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      adding.then(() => 'added' as const),
      new Promise<'waiting'>((resolve) => (timer = setTimeout(() => resolve('waiting'), ENQUEUE_WAIT_MS))),
    ]).finally(() => clearTimeout(timer));
    if (waited === 'added') return;
    const tracked: Promise<unknown> = adding
      .catch((err: Error) => this.logger.warn(`job ${queue}/${name} was not queued: ${err.message}`))
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  process<T>(queue: string, handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    const worker = new Worker(
      queue,
      async (job) => handler({ id: job.id ?? '', name: job.name, data: job.data as T, attemptsMade: job.attemptsMade }),
      { connection: this.workerConnection(), prefix: this.prefix, concurrency: options.concurrency ?? 1 },
    );
    worker.on('error', () => undefined);
    this.workers.push(worker);
  }

  async repeat<T>(queue: string, name: string, data: T, everyMs: number): Promise<void> {
    await this.queue(queue).upsertJobScheduler(`${queue}:${name}`, { every: everyMs }, { name, data });
  }

  async health(): Promise<'up' | 'down'> {
    try {
      const pong = await Promise.race([
        this.connection.ping(),
        new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000).unref()),
      ]);
      return pong === 'PONG' ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }

  /**
   * Closes workers (letting running jobs finish) and queues. With Redis unreachable a
   * graceful close would wait for it forever, so workers are closed by force (their
   * running jobs could not be marked done anyway) and, after CLOSE_WAIT_MS at most,
   * the connections are cut; jobs still waiting to be added are given up, and the log says so.
   */
  async close(): Promise<void> {
    const redisUp = this.connection.status === 'ready';
    let timer: NodeJS.Timeout | undefined;
    const closing = (async () => {
      await Promise.allSettled(this.workers.map((w) => w.close(!redisUp)));
      await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    })();
    await Promise.race([closing, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]).finally(() => clearTimeout(timer));
    if (this.pending.size > 0) this.logger.warn(`Redis unreachable at shutdown: ${this.pending.size} job(s) were not queued`);
    for (const c of this.workerConnections) c.disconnect();
    this.connection.disconnect();
  }

  private workerConnection(): Redis {
    const c = this.connection.duplicate();
    c.on('error', () => undefined);
    this.workerConnections.push(c);
    return c;
  }
}
