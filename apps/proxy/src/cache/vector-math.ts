import { stableHash } from '@switchyard/contracts';
/** The shared stable hash (libs/contracts); the seed gives independent hash functions. */
export const hash32 = stableHash;

/** Another well-mixed 32-bit value from `h` and `k` (the k-th slot of a hashed feature). */
export function rehash(h: number, k: number): number {
  let x = (h ^ Math.imul(k + 1, 0x9e3779b9)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Scales to unit length in place (a zero vector stays zero) and returns it. */
export function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  if (n === 0) return v;
  const inv = 1 / Math.sqrt(n);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
  return v;
}

/** Dot product of `a` and the vector stored at `b[off .. off + a.length)` (cosine for unit vectors). */
export function dotAt(a: Float32Array, b: Float32Array, off: number): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  // Four accumulators: V8 keeps them in registers and the loop runs about twice as fast.
  for (; i + 3 < n; i += 4) {
    s0 += a[i] * b[off + i];
    s1 += a[i + 1] * b[off + i + 1];
    s2 += a[i + 2] * b[off + i + 2];
    s3 += a[i + 3] * b[off + i + 3];
  }
  for (; i < n; i++) s0 += a[i] * b[off + i];
  return s0 + s1 + s2 + s3;
}

/** Dot product of two vectors stored in the same array at offsets `a` and `b`. */
export function dotStored(v: Float32Array, a: number, b: number, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dims; i += 4) {
    s0 += v[a + i] * v[b + i];
    s1 += v[a + i + 1] * v[b + i + 1];
    s2 += v[a + i + 2] * v[b + i + 2];
    s3 += v[a + i + 3] * v[b + i + 3];
  }
  for (; i < dims; i++) s0 += v[a + i] * v[b + i];
  return s0 + s1 + s2 + s3;
}

export function dot(a: Float32Array, b: Float32Array): number {
  return dotAt(a, b, 0);
}

