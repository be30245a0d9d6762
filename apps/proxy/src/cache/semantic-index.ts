import type { SemanticRecord } from './cache-entry';
import { HnswIndex } from './hnsw-index';
import { entitiesAgree, signatureCosine, type PromptSignature } from './prompt-signature';

export interface SemanticMatch {
  answerKey: string;
  score: number;
}

export interface SemanticSearch {
  vector: Float32Array;
  signature: PromptSignature;
  threshold: number;
  /**
   * Decide on the exact signature similarity (the built-in embedder, whose dense
   * vector is a hashed approximation of it) rather than the vectors' cosine (an
   * embeddings model).
   */
  bySignature: boolean;
  /** The bucket's TTL now (a shorter TTL in a new policy version applies to older entries at once). */
  ttlMs: number;
  nowMs: number;
}

/** Candidates looked at per search: the best one may have expired, fail the guard, or be second by exact similarity. */
const CANDIDATES = 8;
/** How far below the threshold a hashed vector may score while its exact similarity is above it. */
const HASHING_SLACK = 0.15;
/** A deleted node still costs memory and search time: rebuild once this many pile up and outnumber the live ones. */
const REBUILD_AFTER_DELETED = 1000;
const REBUILD_CHUNK = 200;

/**
 * One partition's entries: an HNSW graph of their vectors plus, per node, where the
 * answer is stored, when it expires and the prompt's signature. Entries are keyed
 * by answer key, so the same entry arriving twice (written here, then read back
 * from the shared feed) is added once.
 */
class Partition {
  index: HnswIndex;
  private records: Array<SemanticRecord | null> = [];
  private byKey = new Map<string, number>();
  private rebuilding: Promise<void> | null = null;
  /** Entries added or removed while a rebuild runs, replayed on the new graph before it takes over. */
  private journal: Array<{ add?: SemanticRecord; remove?: string }> | null = null;

  constructor(private readonly dims: number) {
    this.index = new HnswIndex({ dims });
  }

  get live(): number {
    return this.index.liveSize;
  }

  has(key: string, nowMs: number): boolean {
    const id = this.byKey.get(key);
    return id !== undefined && !this.index.isDeleted(id) && this.records[id]!.expiresAtMs > nowMs;
  }

  add(r: SemanticRecord, nowMs: number): boolean {
    if (r.vector.length !== this.dims) return false;
    const id = this.byKey.get(r.answerKey);
    if (id !== undefined && !this.index.isDeleted(id)) {
      // The same prompt stored again: same vector, newer lifetime.
      const old = this.records[id]!;
      if (r.expiresAtMs > old.expiresAtMs) this.records[id] = { ...old, storedAtMs: r.storedAtMs, expiresAtMs: r.expiresAtMs };
      return false;
    }
    if (r.expiresAtMs <= nowMs) return false;
    const nid = this.index.add(r.vector);
    this.records[nid] = { ...r, vector: EMPTY };
    this.byKey.set(r.answerKey, nid);
    this.journal?.push({ add: r });
    return true;
  }

  remove(key: string): void {
    const id = this.byKey.get(key);
    if (id === undefined) return;
    this.byKey.delete(key);
    this.index.remove(id);
    this.records[id] = null;
    this.journal?.push({ remove: key });
  }

  search(q: SemanticSearch): SemanticMatch | null {
    const floor = q.bySignature ? q.threshold - HASHING_SLACK : q.threshold;
    let best: SemanticMatch | null = null;
    for (const n of this.index.search(q.vector, CANDIDATES)) {
      if (n.score < floor) break;
      const r = this.records[n.id];
      if (!r) continue;
      if (r.expiresAtMs <= q.nowMs) {
        this.remove(r.answerKey);
        continue;
      }
      if (r.storedAtMs + q.ttlMs <= q.nowMs) continue;
      const score = q.bySignature ? signatureCosine(q.signature, r.signature) : n.score;
      if (score < q.threshold || (best && score <= best.score)) continue;
      if (!entitiesAgree(q.signature, r.signature)) continue;
      best = { answerKey: r.answerKey, score };
    }
    return best;
  }

  /** Deletes expired entries; returns how many. */
  sweep(nowMs: number): number {
    let n = 0;
    for (let id = 0; id < this.records.length; id++) {
      const r = this.records[id];
      if (r && r.expiresAtMs <= nowMs) {
        this.remove(r.answerKey);
        n++;
      }
    }
    if (this.rebuilding === null && this.index.deletedSize >= REBUILD_AFTER_DELETED && this.index.deletedSize > this.index.liveSize) {
      this.rebuilding = this.rebuild().finally(() => (this.rebuilding = null));
    }
    return n;
  }

  /**
   * Builds a fresh graph of the live entries a chunk at a time (the event loop keeps
   * serving, searches use the old graph), replays what changed meanwhile, swaps.
   */
  private async rebuild(): Promise<void> {
    this.journal = [];
    const next = new Partition(this.dims);
    const live: Array<[SemanticRecord, Float32Array]> = [];
    for (let id = 0; id < this.records.length; id++) {
      const r = this.records[id];
      if (r) live.push([r, this.index.vector(id).slice()]);
    }
    for (let i = 0; i < live.length; i += REBUILD_CHUNK) {
      for (const [r, v] of live.slice(i, i + REBUILD_CHUNK)) next.add({ ...r, vector: v }, 0);
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const j of this.journal) {
      if (j.add) next.add(j.add, 0);
      if (j.remove) next.remove(j.remove);
    }
    this.journal = null;
    this.index = next.index;
    this.records = next.records;
    this.byKey = next.byKey;
  }

  whenRebuilt(): Promise<void> {
    return this.rebuilding ?? Promise.resolve();
  }
}

const EMPTY = new Float32Array(0);

/**
 * The semantic cache's in-process index: one partition per (team, model, embedder,
 * request context). Bounded in entries across all partitions (memory: about 2 KB
 * each) — past the cap new entries are not indexed until old ones expire (a full
 * cache misses; it never serves wrongly).
 */
export class SemanticIndexes {
  private readonly partitions = new Map<string, Partition>();
  /** Live entries as of the last sweep plus those added since (removals show at the next sweep). */
  private total = 0;

  constructor(private readonly maxEntries = 200_000) {}

  get size(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.live;
    return n;
  }

  partitionSize(partition: string): number {
    return this.partitions.get(partition)?.live ?? 0;
  }

  has(partition: string, answerKey: string, nowMs = Date.now()): boolean {
    return this.partitions.get(partition)?.has(answerKey, nowMs) ?? false;
  }

  /** Adds an entry (false when it was there already, had expired, or the index is full). */
  add(partition: string, r: SemanticRecord, nowMs = Date.now()): boolean {
    if (this.total >= this.maxEntries) return false;
    let p = this.partitions.get(partition);
    if (!p) {
      p = new Partition(r.vector.length);
      this.partitions.set(partition, p);
    }
    const added = p.add(r, nowMs);
    if (added) this.total++;
    return added;
  }

  remove(partition: string, answerKey: string): void {
    this.partitions.get(partition)?.remove(answerKey);
  }

  search(partition: string, q: SemanticSearch): SemanticMatch | null {
    return this.partitions.get(partition)?.search(q) ?? null;
  }

  /** Removes expired entries everywhere, drops empty partitions, rebuilds graphs full of deleted nodes. */
  sweep(nowMs = Date.now()): number {
    let n = 0;
    for (const [key, p] of this.partitions) {
      n += p.sweep(nowMs);
      if (p.live === 0 && p.index.size > 0) this.partitions.delete(key);
    }
    this.total = this.size;
    return n;
  }

  /** Resolves when no rebuild is running (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.partitions.values()].map((p) => p.whenRebuilt()));
  }

  clear(): void {
    this.partitions.clear();
    this.total = 0;
  }
}
