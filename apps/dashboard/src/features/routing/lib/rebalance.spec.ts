import fc from 'fast-check';
import { apportion, normalizeWeights, rebalance, removeWeight } from './rebalance';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('rebalance', () => {
  it('scales the other targets proportionally', () => {
    expect(rebalance([50, 30, 20], 0, 80)).toEqual([80, 12, 8]);
    expect(rebalance([50, 50], 1, 70)).toEqual([30, 70]);
    expect(rebalance([60, 30, 10], 2, 40)).toEqual([40, 20, 40]);
  });

  it('splits evenly when every other target is at zero', () => {
    expect(rebalance([100, 0, 0], 0, 40)).toEqual([40, 30, 30]);
    expect(rebalance([100, 0, 0, 0], 0, 99)).toEqual([99, 1, 0, 0]);
  });

  it('gives everything to the moved target at 100 and clamps out-of-range input', () => {
    expect(rebalance([20, 30, 50], 1, 100)).toEqual([0, 100, 0]);
    expect(rebalance([20, 30, 50], 1, 140)).toEqual([0, 100, 0]);
    expect(rebalance([20, 30, 50], 1, -5)).toEqual([29, 0, 71]);
    expect(rebalance([20, 80], 0, Number.NaN)).toEqual([0, 100]);
  });

  it('keeps a single target at 100', () => {
    expect(rebalance([100], 0, 30)).toEqual([100]);
  });

  it('always sums to exactly 100, sets the moved value, and keeps the others in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 12 }).map(normalizeWeights),
        fc.nat(),
        fc.integer({ min: 0, max: 100 }),
        (weights, at, value) => {
          const index = at % weights.length;
          const next = rebalance(weights, index, value);
          expect(sum(next)).toBe(100);
          expect(next[index]).toBe(value);
          next.forEach((w) => expect(Number.isInteger(w) && w >= 0 && w <= 100).toBe(true));
          for (let i = 0; i < weights.length; i++) {
            for (let j = 0; j < weights.length; j++) {
              if (i !== index && j !== index && weights[i] > weights[j]) expect(next[i]).toBeGreaterThanOrEqual(next[j]);
            }
          }
        },
      ),
    );
  });
});

describe('apportion and friends', () => {
  it('hands out remainders to the largest fractions', () => {
    expect(apportion([1, 1, 1], 100)).toEqual([34, 33, 33]);
    expect(apportion([], 100)).toEqual([]);
  });

  it('redistributes a removed target and repairs a bad sum', () => {
    expect(removeWeight([50, 25, 25], 0)).toEqual([50, 50]);
    expect(removeWeight([100], 0)).toEqual([]);
    expect(normalizeWeights([45, 45])).toEqual([50, 50]);
  });
});
