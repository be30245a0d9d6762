import { HnswIndex } from './hnsw-index';
import { mulberry32 } from '@switchyard/contracts';
import { normalise } from './vector-math';

function randomUnit(r: () => number, dims: number): Float32Array {
  const v = new Float32Array(dims);
  // Sum of uniforms: roughly Gaussian, so directions are roughly uniform on the sphere.
  for (let i = 0; i < dims; i++) v[i] = r() + r() + r() - 1.5;
  return normalise(v);
}

/** Points around a few hundred centres: like prompt embeddings, which cluster by template. */
function clustered(r: () => number, n: number, dims: number): Float32Array[] {
  const centres = Array.from({ length: 200 }, () => randomUnit(r, dims));
  return Array.from({ length: n }, () => {
    const c = centres[Math.floor(r() * centres.length)];
    const noise = randomUnit(r, dims);
    const v = new Float32Array(dims);
    for (let i = 0; i < dims; i++) v[i] = c[i] + 0.6 * noise[i];
    return normalise(v);
  });
}

function recallAt(index: HnswIndex, queries: Float32Array[], k: number): number {
  let found = 0;
  for (const q of queries) {
    const truth = new Set(index.bruteForce(q, k).map((n) => n.id));
    for (const n of index.search(q, k)) if (truth.has(n.id)) found++;
  }
  return found / (queries.length * k);
}

describe('HnswIndex', () => {
  it('finds the true nearest neighbours of random vectors (recall@10 ≥ 0.95 against brute force)', () => {
    const r = mulberry32(1);
    const dims = 64;
    const index = new HnswIndex({ dims, seed: 7 });
    for (let i = 0; i < 3000; i++) index.add(randomUnit(r, dims));
    const queries = Array.from({ length: 200 }, () => randomUnit(r, dims));
    expect(recallAt(index, queries, 10)).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('keeps recall on clustered data at the cache dimension (recall@1 ≥ 0.95)', () => {
    const r = mulberry32(2);
    const dims = 128;
    const points = clustered(r, 3000, dims);
    const index = new HnswIndex({ dims, seed: 3 });
    for (const p of points) index.add(p);
    const queries = clustered(r, 200, dims);
    expect(recallAt(index, queries, 1)).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('returns an added vector itself as the best match with score 1', () => {
    const r = mulberry32(3);
    const index = new HnswIndex({ dims: 32 });
    const vs = Array.from({ length: 500 }, () => randomUnit(r, 32));
    vs.forEach((v) => index.add(v));
    for (const i of [0, 17, 250, 499]) {
      const [best] = index.search(vs[i], 1);
      expect(best.id).toBe(i);
      expect(best.score).toBeCloseTo(1, 5);
    }
  });

  it('never returns removed nodes, and still finds the live ones through them', () => {
    const r = mulberry32(4);
    const dims = 32;
    const index = new HnswIndex({ dims, seed: 1 });
    const vs = Array.from({ length: 2000 }, () => randomUnit(r, dims));
    vs.forEach((v) => index.add(v));
    for (let i = 0; i < 2000; i += 2) index.remove(i);
    expect(index.liveSize).toBe(1000);
    const queries = Array.from({ length: 100 }, () => randomUnit(r, dims));
    for (const q of queries) for (const n of index.search(q, 5)) expect(n.id % 2).toBe(1);
    expect(recallAt(index, queries, 5)).toBeGreaterThanOrEqual(0.95);
    expect(index.search(vs[1], 1)[0].id).toBe(1);
  });

  it('grows past its initial capacity and rejects a vector of the wrong size', () => {
    const r = mulberry32(5);
    const index = new HnswIndex({ dims: 8, initialCapacity: 16 });
    for (let i = 0; i < 100; i++) index.add(randomUnit(r, 8));
    expect(index.size).toBe(100);
    expect(() => index.add(new Float32Array(4))).toThrow(/4 dimensions/);
    expect(new HnswIndex({ dims: 8 }).search(randomUnit(r, 8), 3)).toEqual([]);
  });
});
