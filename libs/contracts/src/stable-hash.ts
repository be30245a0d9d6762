/**
 * 32-bit FNV-1a over UTF-16 code units, then murmur3's finaliser so that keys that
 * differ in one character still land far apart. Stable across processes and versions:
 * sticky routing, canary cohorts, shadow sampling and the local embedder all rely on
 * the same key always hashing the same way — one function serves them all.
 */
export function stableHash(key: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A point in [0, 1) derived from the key. */
export function stableUnit(key: string): number {
  return stableHash(key) / 0x1_0000_0000;
}
