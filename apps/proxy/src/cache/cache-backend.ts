import type { SemanticRecord } from './cache-entry';

/** A semantic entry to share with every replica along with its answer. */
export interface SemanticWrite {
  partition: string;
  record: SemanticRecord;
}

/**
 * Where answers live: in-process (embedded mode) or Redis (shared by replicas).
 * Neither method throws: a backend that cannot answer reports a miss, and one that
 * cannot store says so.
 */
export interface CacheBackend {
  readonly kind: 'memory' | 'redis';
  /** Whether lookups and stores can reach the backend now (Redis: connected and its breaker closed). */
  available(): boolean;
  /** The values of the keys (at most two: exact and semantic candidate) in one round trip; null for a miss. */
  get(keys: readonly string[]): Promise<Array<Buffer | null>>;
  /** Stores an answer for `ttlMs`, and shares its semantic entry; resolves true once stored. */
  put(answerKey: string, value: Buffer, ttlMs: number, semantic: SemanticWrite | null): Promise<boolean>;
  close(): Promise<void>;
}
