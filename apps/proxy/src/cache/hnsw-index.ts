import { mulberry32 } from '@switchyard/contracts';
import { dotAt, dotStored } from './vector-math';
import { BestFirstHeap, WorstFirstHeap } from './score-heap';

export interface HnswOptions {
  dims: number;
  /**
   * Links per node on the upper layers (twice as many on layer 0). 24 rather than the
   * usual 16: prompts of one template about many products form clusters of
   * near-equal vectors, and with 16 about 1% of them were no longer found by a search.
   */
  m?: number;
  /** Candidate list size while inserting: higher builds a better graph, slower. */
  efConstruction?: number;
  /** Default candidate list size while searching. */
  efSearch?: number;
  initialCapacity?: number;
  seed?: number;
}

export interface Neighbour {
  id: number;
  /** Inner product with the query (cosine similarity for unit vectors). */
  score: number;
}

/**
 * Hierarchical Navigable Small World graph (Malkov & Yashunin, 2016) over unit
 * vectors, scored by inner product. Vectors live in one growing Float32Array and
 * the layer-0 links in one Int32Array, so a search touches flat memory and
 * allocates nothing but its result. Removal marks a node deleted: it still routes
 * searches but is never returned; the owner rebuilds the index when too many pile up.
 */
export class HnswIndex {
  readonly dims: number;
  private readonly m: number;
  private readonly m0: number;
  private readonly efConstruction: number;
  efSearch: number;
  private readonly levelMult: number;
  private readonly random: () => number;

  private capacity: number;
  private count = 0;
  private deletedCount = 0;
  private vectors: Float32Array;
  /** Layer 0: per node [degree, link × m0]. */
  private links0: Int32Array;
  /** Upper layers of nodes that have them: per layer [degree, link × m]. */
  private upper: Array<Int32Array | undefined> = [];
  private levels: Uint8Array;
  private deleted: Uint8Array;
  private entry = -1;
  private maxLevel = -1;

  private visited: Uint32Array;
  private visitMark = 0;
  private readonly candidates = new BestFirstHeap(64);
  private readonly results = new WorstFirstHeap(64);

  constructor(opts: HnswOptions) {
    this.dims = opts.dims;
    this.m = opts.m ?? 24;
    this.m0 = this.m * 2;
    this.efConstruction = opts.efConstruction ?? 100;
    this.efSearch = opts.efSearch ?? 64;
    this.levelMult = 1 / Math.log(this.m);
    this.random = mulberry32(opts.seed ?? 0x5eed);
    this.capacity = Math.max(16, opts.initialCapacity ?? 1024);
    this.vectors = new Float32Array(this.capacity * this.dims);
    this.links0 = new Int32Array(this.capacity * (this.m0 + 1));
    this.levels = new Uint8Array(this.capacity);
    this.deleted = new Uint8Array(this.capacity);
    this.visited = new Uint32Array(this.capacity);
  }

  /** Nodes ever added (deleted ones included). */
  get size(): number {
    return this.count;
  }

  /** Nodes that searches can return. */
  get liveSize(): number {
    return this.count - this.deletedCount;
  }

  get deletedSize(): number {
    return this.deletedCount;
  }

  isDeleted(id: number): boolean {
    return this.deleted[id] === 1;
  }

  vector(id: number): Float32Array {
    return this.vectors.subarray(id * this.dims, (id + 1) * this.dims);
  }

  /** Adds a unit vector; returns its id (dense, from 0). */
  add(v: Float32Array): number {
    if (v.length !== this.dims) throw new Error(`vector has ${v.length} dimensions; the index holds ${this.dims}`);
    if (this.count === this.capacity) this.grow();
    const id = this.count++;
    this.vectors.set(v, id * this.dims);
    const level = Math.min(15, Math.floor(-Math.log(1 - this.random()) * this.levelMult));
    this.levels[id] = level;
    if (level > 0) this.upper[id] = new Int32Array(level * (this.m + 1));
    if (this.entry < 0) {
      this.entry = id;
      this.maxLevel = level;
      return id;
    }
    let ep = this.entry;
    for (let l = this.maxLevel; l > level; l--) ep = this.greedy(v, ep, l);
    for (let l = Math.min(level, this.maxLevel); l >= 0; l--) {
      this.searchLayer(v, ep, this.efConstruction, l, false);
      const found = this.results.drainAscending();
      const picked = this.selectNeighbours(found, this.m);
      this.setLinks(id, l, picked);
      for (const n of picked) this.link(n, id, l);
      ep = found[found.length - 1].id;
    }
    if (level > this.maxLevel) {
      this.maxLevel = level;
      this.entry = id;
    }
    return id;
  }

  remove(id: number): void {
    if (id < 0 || id >= this.count || this.deleted[id]) return;
    this.deleted[id] = 1;
    this.deletedCount++;
  }

  /** The `k` live nodes closest to `query`, best first. */
  search(query: Float32Array, k: number, ef = this.efSearch): Neighbour[] {
    if (this.entry < 0 || this.liveSize === 0) return [];
    let ep = this.entry;
    for (let l = this.maxLevel; l > 0; l--) ep = this.greedy(query, ep, l);
    this.searchLayer(query, ep, Math.max(ef, k), 0, true);
    const found = this.results.drainAscending();
    const out: Neighbour[] = [];
    for (let i = found.length - 1; i >= 0 && out.length < k; i--) out.push(found[i]);
    return out;
  }

  /** Exact top-k by scanning every live node (tests compare the graph search with it). */
  bruteForce(query: Float32Array, k: number): Neighbour[] {
    const all: Neighbour[] = [];
    for (let i = 0; i < this.count; i++) if (!this.deleted[i]) all.push({ id: i, score: dotAt(query, this.vectors, i * this.dims) });
    return all.sort((a, b) => b.score - a.score).slice(0, k);
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const vectors = new Float32Array(cap * this.dims);
    vectors.set(this.vectors);
    const links0 = new Int32Array(cap * (this.m0 + 1));
    links0.set(this.links0);
    const levels = new Uint8Array(cap);
    levels.set(this.levels);
    const deleted = new Uint8Array(cap);
    deleted.set(this.deleted);
    this.vectors = vectors;
    this.links0 = links0;
    this.levels = levels;
    this.deleted = deleted;
    this.visited = new Uint32Array(cap);
    this.visitMark = 0;
    this.capacity = cap;
  }

  private score(q: Float32Array, id: number): number {
    return dotAt(q, this.vectors, id * this.dims);
  }

  /** The links array holding node `id`'s layer `l` (read its [degree, ...links] at `linkOffset`). */
  private linkArray(id: number, l: number): Int32Array {
    return l === 0 ? this.links0 : this.upper[id]!;
  }

  private linkOffset(id: number, l: number): number {
    return l === 0 ? id * (this.m0 + 1) : (l - 1) * (this.m + 1);
  }

  private greedy(q: Float32Array, start: number, l: number): number {
    let best = start;
    let bestScore = this.score(q, start);
    for (let changed = true; changed; ) {
      changed = false;
      const arr = this.linkArray(best, l);
      const off = this.linkOffset(best, l);
      const deg = arr[off];
      for (let i = 1; i <= deg; i++) {
        const n = arr[off + i];
        const s = this.score(q, n);
        if (s > bestScore) {
          bestScore = s;
          best = n;
          changed = true;
        }
      }
    }
    return best;
  }

  /** Fills `this.results` with up to `ef` nodes closest to `q` on layer `l` (live ones only when `liveOnly`). */
  private searchLayer(q: Float32Array, ep: number, ef: number, l: number, liveOnly: boolean): void {
    if (++this.visitMark === 0xffffffff) {
      this.visited.fill(0);
      this.visitMark = 1;
    }
    const mark = this.visitMark;
    const visited = this.visited;
    const cand = this.candidates;
    const res = this.results;
    cand.clear();
    res.clear();
    const s0 = this.score(q, ep);
    visited[ep] = mark;
    cand.push(s0, ep);
    if (!liveOnly || !this.deleted[ep]) res.push(s0, ep);
    while (cand.size > 0) {
      const cs = cand.topScore();
      const c = cand.pop();
      if (res.size >= ef && cs < res.topScore()) break;
      const arr = this.linkArray(c, l);
      const off = this.linkOffset(c, l);
      const deg = arr[off];
      for (let i = 1; i <= deg; i++) {
        const n = arr[off + i];
        if (visited[n] === mark) continue;
        visited[n] = mark;
        const s = this.score(q, n);
        if (res.size < ef || s > res.topScore()) {
          cand.push(s, n);
          if (!liveOnly || !this.deleted[n]) {
            res.push(s, n);
            if (res.size > ef) res.pop();
          }
        }
      }
    }
  }

  /**
   * The neighbour-selection heuristic: walk candidates best first and keep one only
   * if it is closer to the new node than to every neighbour kept so far — links
   * then spread in all directions instead of bunching in one cluster. The list is
   * then topped up with the best candidates the heuristic passed over ("keep pruned
   * connections"): without that, a tight cluster (one template, many products) can
   * end up linked only to itself, and searches from outside never reach it.
   */
  private selectNeighbours(ascending: Neighbour[], max: number): number[] {
    const picked: number[] = [];
    const passed: number[] = [];
    const dims = this.dims;
    for (let i = ascending.length - 1; i >= 0 && picked.length < max; i--) {
      const c = ascending[i];
      let keep = true;
      for (const p of picked) {
        if (dotStored(this.vectors, c.id * dims, p * dims, dims) > c.score) {
          keep = false;
          break;
        }
      }
      if (keep) picked.push(c.id);
      else passed.push(c.id);
    }
    for (let i = 0; i < passed.length && picked.length < max; i++) picked.push(passed[i]);
    return picked;
  }

  private setLinks(id: number, l: number, ids: number[]): void {
    const arr = this.linkArray(id, l);
    const off = this.linkOffset(id, l);
    arr[off] = ids.length;
    for (let i = 0; i < ids.length; i++) arr[off + 1 + i] = ids[i];
  }

  /**
   * Adds `to` to `from`'s links on layer `l`; a full list is re-selected the way a
   * new node's is (diverse neighbours first, then the closest of the rest).
   */
  private link(from: number, to: number, l: number): void {
    const arr = this.linkArray(from, l);
    const off = this.linkOffset(from, l);
    const max = l === 0 ? this.m0 : this.m;
    const deg = arr[off];
    if (deg < max) {
      arr[off + 1 + deg] = to;
      arr[off] = deg + 1;
      return;
    }
    const dims = this.dims;
    const base = from * dims;
    const cands: Neighbour[] = [{ id: to, score: dotStored(this.vectors, base, to * dims, dims) }];
    for (let i = 1; i <= deg; i++) {
      const n = arr[off + i];
      cands.push({ id: n, score: dotStored(this.vectors, base, n * dims, dims) });
    }
    cands.sort((a, b) => a.score - b.score);
    this.setLinks(from, l, this.selectNeighbours(cands, max));
  }
}
