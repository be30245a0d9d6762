import fc from 'fast-check';
import { costUsd, priceAt } from '@switchyard/pricing';
import { PriceTable } from './price-table';

const price = fc.tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 })).map(([w, f]) => `${w}.${String(f).padStart(6, '0')}`);
const point = fc.record({
  effectiveFrom: fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2028-01-01') }).map((t) => new Date(t).toISOString()),
  input: price,
  output: price,
  cachedInput: price,
});

describe('PriceTable', () => {
  it('prices exactly like libs/pricing costUsd(priceAt(...)) for any prices, times and tokens', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: Date.parse('2023-06-01'), max: Date.parse('2028-06-01') }), { minLength: 1, maxLength: 8 }),
        fc.record({ promptTokens: fc.nat(2_000_000), completionTokens: fc.nat(2_000_000), cachedTokens: fc.nat(2_000_000) }),
        (points, times, tokens) => {
          const table = new PriceTable(points);
          for (const t of times) {
            expect(table.costUsd(tokens, t)).toBe(costUsd(tokens, priceAt(points, t)));
            expect(table.pricesAt(t)).toEqual(priceAt(points, t));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
