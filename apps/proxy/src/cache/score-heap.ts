import type { Neighbour } from './hnsw-index';

/**
 * A binary heap of (score, id) pairs in typed arrays, reused across searches so a
 * search allocates nothing. `sign` +1 keeps the highest score on top, -1 the lowest.
 */
class ScoreHeap {
  private scores: Float64Array;
  private ids: Int32Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly sign: 1 | -1,
  ) {
    this.scores = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  topScore(): number {
    return this.scores[0] * this.sign;
  }

  push(score: number, id: number): void {
    if (this.size === this.scores.length) {
      const s = new Float64Array(this.size * 2);
      s.set(this.scores);
      const d = new Int32Array(this.size * 2);
      d.set(this.ids);
      this.scores = s;
      this.ids = d;
    }
    const key = score * this.sign;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.scores[parent] >= key) break;
      this.scores[i] = this.scores[parent];
      this.ids[i] = this.ids[parent];
      i = parent;
    }
    this.scores[i] = key;
    this.ids[i] = id;
  }

  /** Removes the top and returns its id. */
  pop(): number {
    const top = this.ids[0];
    const n = --this.size;
    if (n > 0) {
      const key = this.scores[n];
      const id = this.ids[n];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && this.scores[child + 1] > this.scores[child]) child++;
        if (this.scores[child] <= key) break;
        this.scores[i] = this.scores[child];
        this.ids[i] = this.ids[child];
        i = child;
      }
      this.scores[i] = key;
      this.ids[i] = id;
    }
    return top;
  }

  /** Empties the heap into an array in pop order. */
  drain(): Neighbour[] {
    const out: Neighbour[] = new Array(this.size);
    for (let i = 0; this.size > 0; i++) {
      const score = this.topScore();
      out[i] = { id: this.pop(), score };
    }
    return out;
  }
}

/** Pops the highest score first (the search frontier: closest candidate next). */
export class BestFirstHeap extends ScoreHeap {
  constructor(capacity: number) {
    super(capacity, 1);
  }
}

/** Pops the lowest score first (the result set: the worst result drops out). */
export class WorstFirstHeap extends ScoreHeap {
  constructor(capacity: number) {
    super(capacity, -1);
  }

  /** The results, lowest score first. */
  drainAscending(): Neighbour[] {
    return this.drain();
  }
}
