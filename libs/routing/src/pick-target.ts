import { stableHash, stableUnit, type RouteTarget } from '@switchyard/contracts';

/** Re-exported: sticky picks hash with the one stable hash every part of Switchyard shares. */
export { stableHash, stableUnit };

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
