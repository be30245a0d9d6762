import type { CacheBackend, SemanticWrite } from './cache-backend';

interface Slot {
  value: Buffer;
  expiresAtMs: number;
}

/** The embedded-mode backend: an LRU of answers bounded by bytes, with per-entry expiry. */
export class MemoryBackend implements CacheBackend {
  readonly kind = 'memory';
  private readonly slots = new Map<string, Slot>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.slots.size;
  }

  available(): boolean {
    return true;
  }

  get(keys: readonly string[]): Promise<Array<Buffer | null>> {
    const now = this.now();
    return Promise.resolve(
      keys.map((k) => {
        const s = this.slots.get(k);
        if (!s) return null;
        this.slots.delete(k);
        if (s.expiresAtMs <= now) {
          this.bytes -= s.value.length;
          return null;
        }
        // Re-inserted: Map order is the LRU order, oldest first.
        this.slots.set(k, s);
        return s.value;
      }),
    );
  }

  /** The semantic entry, if any, is indexed by the cache once this resolves (there is no one else to tell). */
  put(answerKey: string, value: Buffer, ttlMs: number, _semantic: SemanticWrite | null): Promise<boolean> {
    if (value.length > this.maxBytes) return Promise.resolve(false);
    const old = this.slots.get(answerKey);
    if (old) {
      this.bytes -= old.value.length;
      this.slots.delete(answerKey);
    }
    this.slots.set(answerKey, { value, expiresAtMs: this.now() + ttlMs });
    this.bytes += value.length;
    for (const [k, s] of this.slots) {
      if (this.bytes <= this.maxBytes) break;
      this.slots.delete(k);
      this.bytes -= s.value.length;
    }
    return Promise.resolve(true);
  }

  async close(): Promise<void> {
    this.slots.clear();
    this.bytes = 0;
  }
}
