import { Queue, Worker } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import { QUEUE_DEFAULTS, type JobHandler, type JobOptions, type QueueDriver } from './queue-driver';

/** Scaled mode: BullMQ on Redis; any number of replicas share the queues. */
export class BullMqQueueDriver implements QueueDriver {
  readonly kind = 'bullmq' as const;
  private readonly connection: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];

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

  async enqueue<T>(queue: string, name: string, data: T, options: JobOptions = {}): Promise<void> {
    await this.queue(queue).add(name, data, {
      jobId: options.jobId?.replace(/:/g, '_'),
      delay: options.delayMs,
      attempts: options.attempts,
    });
  }

  process<T>(queue: string, handler: JobHandler<T>, options: { concurrency?: number } = {}): void {
    const worker = new Worker(
      queue,
      async (job) => handler({ id: job.id ?? '', name: job.name, data: job.data as T, attemptsMade: job.attemptsMade }),
      { connection: this.connection.duplicate(), prefix: this.prefix, concurrency: options.concurrency ?? 1 },
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

  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
