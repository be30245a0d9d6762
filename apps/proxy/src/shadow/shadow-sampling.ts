import { stableUnit } from '@switchyard/contracts';

/**
 * Which requests are shadow-sampled: a pure function of the request id, so a sample
 * can be reproduced from the pair it produced.
 */
export function sampleShare(id: string): number {
  return stableUnit(id);
}

/** True for about `rate` of all ids (0 → never, 1 → always). */
export function isSampled(id: string, rate: number): boolean {
  return rate > 0 && sampleShare(id) < rate;
}
