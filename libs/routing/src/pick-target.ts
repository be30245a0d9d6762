import type { RouteTarget } from '@switchyard/contracts';

/**
 * 32-bit FNV-1a over UTF-16 code units, then murmur3's finaliser so that keys that
 * differ in one character still land far apart. Stable across processes and
 * versions: the same affinity key maps to the same point in [0, 1) forever.
 */
export function stableHash(key: string): number {
  let h = 0x811c9dc5;
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

/**
 * Picks a target by weight. With a sticky key (the request's `user` or its
 * `x-switchyard-affinity` header) the pick is a pure function of the key and the
 * weights, so a user stays on one model while the split stays; without one it is
 * random. Weights are whole percents; a weight of 0 is never picked.
 */
export function pickTarget(targets: readonly RouteTarget[], stickyKey?: string | null, rand: () => number = Math.random): RouteTarget {
  if (targets.length === 0) throw new Error('a bucket needs at least one target');
  if (targets.length === 1) return targets[0];
  let total = 0;
  for (const t of targets) total += t.weight;
  if (total <= 0) return targets[0];
  const u = stickyKey ? stableUnit(stickyKey) : rand();
  let point = u * total;
  let last = targets[0];
  for (const t of targets) {
    if (t.weight <= 0) continue;
    last = t;
    if (point < t.weight) return t;
    point -= t.weight;
  }
  // Floating point could leave a sliver past the last weight: it belongs to the last non-zero target.
  return last;
}
