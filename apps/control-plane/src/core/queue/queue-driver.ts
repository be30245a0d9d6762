/**
 * Background work behind one small interface (STYLE.md rule 5): BullMQ on Redis in
 * scaled mode, an in-process driver in embedded mode. Processors live in
 * modules/<feature>/jobs/ and never know which driver runs them.
 */
export interface JobOptions {
  /** Jobs with the same id are deduplicated while one is waiting. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

export interface Job<T> {
  id: string;
  name: string;
  data: T;
  attemptsMade: number;
}

export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface QueueDriver {
  readonly kind: 'bullmq' | 'in-process';
  enqueue<T>(queue: string, name: string, data: T, options?: JobOptions): Promise<void>;
  /** Registers the processor of a queue (one per queue). */
  process<T>(queue: string, handler: JobHandler<T>, options?: { concurrency?: number }): void;
  /** Runs `name` on `queue` every `everyMs` (deduplicated across replicas). */
  repeat<T>(queue: string, name: string, data: T, everyMs: number): Promise<void>;
  health(): Promise<'up' | 'down'>;
  close(): Promise<void>;
}

export const QUEUE_DRIVER = Symbol('QUEUE_DRIVER');

/** Retry and clean-up defaults, in one place. */
export const QUEUE_DEFAULTS = {
  attempts: 5,
  backoffMs: 1_000,
  keepCompleted: 1_000,
  keepFailed: 5_000,
} as const;
