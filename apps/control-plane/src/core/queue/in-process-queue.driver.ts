import { Logger } from '@nestjs/common';
import { QUEUE_DEFAULTS, type JobHandler, type JobOptions, type QueueDriver } from './queue-driver';

interface Pending {
  id: string;
  name: string;
  data: unknown;
  attemptsMade: number;
  attempts: number;
}

/** Embedded mode: jobs run in this process, with the same dedup and retry rules as BullMQ. */
export class InProcessQueueDriver implements QueueDriver {
  readonly kind = 'in-process' as const;
  private readonly logger = new Logger('Queue');
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly waiting = new Map<string, Map<string, Pending>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private seq = 0;
  private closed = false;

  async enqueue<T>(queue: string, name: string, data: T, options: JobOptions = {}): Promise<void> {
    const id = options.jobId ?? `${queue}:${++this.seq}`;
    const q = this.waitingFor(queue);
    if (q.has(id)) return;
    q.set(id, { id, name, data, attemptsMade: 0, attempts: options.attempts ?? QUEUE_DEFAULTS.attempts });
    this.schedule(queue, id, options.delayMs ?? 0);
  }

  process<T>(queue: string, handler: JobHandler<T>): void {
    this.handlers.set(queue, handler as JobHandler<unknown>);
    for (const id of this.waitingFor(queue).keys()) this.schedule(queue, id, 0);
  }

  async repeat<T>(queue: string, name: string, data: T, everyMs: number): Promise<void> {
    const tick = () => void this.enqueue(queue, name, data, { jobId: `repeat:${queue}:${name}` });
    const timer = setInterval(tick, everyMs);
    timer.unref();
    this.timers.add(timer);
  }

  async health(): Promise<'up' | 'down'> {
    return this.closed ? 'down' : 'up';
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.allSettled([...this.running]);
  }

  /** Resolves when nothing is waiting or running (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || [...this.waiting.values()].some((q) => q.size > 0 && this.handlersFor(q))) {
      await Promise.allSettled([...this.running]);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private handlersFor(q: Map<string, Pending>): boolean {
    for (const [queue, m] of this.waiting) if (m === q) return this.handlers.has(queue);
    return false;
  }

  private waitingFor(queue: string): Map<string, Pending> {
    let q = this.waiting.get(queue);
    if (!q) this.waiting.set(queue, (q = new Map()));
    return q;
  }

  private schedule(queue: string, id: string, delayMs: number) {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.run(queue, id);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private run(queue: string, id: string) {
    const handler = this.handlers.get(queue);
    const job = this.waiting.get(queue)?.get(id);
    if (!handler || !job || this.closed) return;
    this.waiting.get(queue)!.delete(id);
    const p = handler({ id: job.id, name: job.name, data: job.data, attemptsMade: job.attemptsMade })
      .catch((err: Error) => {
        job.attemptsMade += 1;
        if (job.attemptsMade < job.attempts) {
          this.waitingFor(queue).set(id, job);
          this.schedule(queue, id, QUEUE_DEFAULTS.backoffMs * 2 ** (job.attemptsMade - 1));
        } else {
          this.logger.error(`job ${queue}/${job.name} (${id}) failed after ${job.attemptsMade} attempts: ${err.message}`);
        }
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }
}
