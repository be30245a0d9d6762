import { mulberry32 } from '@switchyard/contracts';
import { pickTarget, stableHash } from './pick-target';

const targets = [
  { model: 'a', weight: 70 },
  { model: 'b', weight: 25 },
  { model: 'c', weight: 5 },
  { model: 'never', weight: 0 },
];

function split(pick: (i: number) => string, n: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const m = pick(i);
    counts[m] = (counts[m] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, (100 * v) / n]));
}

describe('pickTarget', () => {
  const N = 100_000;

  it('splits random picks within ±1 point of the weights over 100,000 picks', () => {
    for (const rand of [mulberry32(42), mulberry32(7), Math.random]) {
      const pct = split(() => pickTarget(targets, undefined, rand).model, N);
      expect(Math.abs(pct.a - 70)).toBeLessThanOrEqual(1);
      expect(Math.abs(pct.b - 25)).toBeLessThanOrEqual(1);
      expect(Math.abs(pct.c - 5)).toBeLessThanOrEqual(1);
      expect(pct.never).toBeUndefined();
    }
  });

  it('splits sticky keys within ±1 point of the weights over 100,000 distinct keys', () => {
    const pct = split((i) => pickTarget(targets, `user-${i}`).model, N);
    expect(Math.abs(pct.a - 70)).toBeLessThanOrEqual(1);
    expect(Math.abs(pct.b - 25)).toBeLessThanOrEqual(1);
    expect(Math.abs(pct.c - 5)).toBeLessThanOrEqual(1);
  });

  it('keeps a sticky key on the same target whatever the random source', () => {
    for (let i = 0; i < 200; i++) {
      const key = `customer-${i}@example.com`;
      const first = pickTarget(targets, key, () => 0).model;
      expect(pickTarget(targets, key, () => 0.999).model).toBe(first);
      expect(pickTarget([...targets], key).model).toBe(first);
    }
  });

  it('hashes stably across runs (fixed values)', () => {
    expect(stableHash('')).toBe(stableHash(''));
    expect(stableHash('user-1')).not.toBe(stableHash('user-2'));
    expect(stableHash("alice")).toBe(3927234078);
  });

  it('handles the edges: one target, random 0 and just under 1', () => {
    expect(pickTarget([{ model: 'only', weight: 100 }]).model).toBe('only');
    expect(pickTarget(targets, null, () => 0).model).toBe('a');
    expect(pickTarget(targets, null, () => 0.9999999999).model).toBe('c');
    expect(() => pickTarget([])).toThrow(/at least one target/);
  });
});
