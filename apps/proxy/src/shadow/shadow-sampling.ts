/**
 * Which requests are shadow-sampled: a pure function of the request id, so a sample
 * can be reproduced from the pair it produced. FNV-1a over the id's characters gives
 * a 32-bit value spread evenly enough for a share (ids are random UUIDs already; the
 * hash only removes their fixed version/variant digits from the picture).
 */
export function sampleShare(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 0x1_0000_0000;
}

/** True for about `rate` of all ids (0 → never, 1 → always). */
export function isSampled(id: string, rate: number): boolean {
  return rate > 0 && sampleShare(id) < rate;
}
