import { costUsd, priceAt } from './cost';
import { addUsd, compareUsd, fromPicoUsd, parseDecimal, ratio, subtractUsd, sumUsd, toPicoUsd } from './decimal';

const gpt4o = { input: '2.50', output: '10.00', cachedInput: '1.25' };

describe('costUsd', () => {
  it('prices input, cached input and output exactly', () => {
    // 1000 prompt (200 cached) + 500 completion on gpt-4o:
    // 800 × 2.50/1e6 + 200 × 1.25/1e6 + 500 × 10/1e6 = 0.002 + 0.00025 + 0.005
    expect(costUsd({ promptTokens: 1000, completionTokens: 500, cachedTokens: 200 }, gpt4o)).toBe('0.00725');
  });

  it('keeps sub-cent precision without float error', () => {
    const flash = { input: '0.27', output: '1.10', cachedInput: '0.07' };
    expect(costUsd({ promptTokens: 1, completionTokens: 1, cachedTokens: 0 }, flash)).toBe('0.00000137');
    // 0.1 + 0.2 style traps: ten thousand one-token requests sum exactly
    const one = costUsd({ promptTokens: 1, completionTokens: 0, cachedTokens: 0 }, { input: '0.1', output: '0', cachedInput: '0' });
    expect(sumUsd(Array.from({ length: 10_000 }, () => one))).toBe('0.001');
  });

  it('uses the smallest representable price unit exactly', () => {
    expect(costUsd({ promptTokens: 3, completionTokens: 0, cachedTokens: 0 }, { input: '0.000001', output: '0', cachedInput: '0' })).toBe(
      '0.000000000003',
    );
  });

  it('never counts cached tokens beyond the prompt', () => {
    expect(costUsd({ promptTokens: 10, completionTokens: 0, cachedTokens: 50 }, gpt4o)).toBe('0.0000125');
  });

  it('rejects negative or fractional token counts', () => {
    expect(() => costUsd({ promptTokens: -1, completionTokens: 0, cachedTokens: 0 }, gpt4o)).toThrow(/promptTokens/);
    expect(() => costUsd({ promptTokens: 1.5, completionTokens: 0, cachedTokens: 0 }, gpt4o)).toThrow(/promptTokens/);
  });
});

describe('priceAt', () => {
  const points = [
    { effectiveFrom: '2026-06-01T00:00:00Z', input: '2', output: '8', cachedInput: '1' },
    { effectiveFrom: '2026-01-01T00:00:00Z', input: '2.50', output: '10.00', cachedInput: '1.25' },
  ];
  it('picks the point in force at the time', () => {
    expect(priceAt(points, '2026-03-01T00:00:00Z').input).toBe('2.50');
    expect(priceAt(points, '2026-06-01T00:00:00Z').input).toBe('2');
    expect(priceAt(points, '2027-01-01T00:00:00Z').output).toBe('8');
  });
  it('falls back to the earliest price before any point starts', () => {
    expect(priceAt(points, '2025-01-01T00:00:00Z').input).toBe('2.50');
  });
});

describe('decimal helpers', () => {
  it('round-trips and adds exactly', () => {
    expect(fromPicoUsd(toPicoUsd('123.000000000001'))).toBe('123.000000000001');
    expect(addUsd('0.1', '0.2')).toBe('0.30');
    expect(subtractUsd('1', '1.5')).toBe('-0.50');
    expect(compareUsd('0.3', '0.30')).toBe(0);
  });
  it('refuses precision it would have to drop', () => {
    expect(() => parseDecimal('0.0000000000001', 12)).toThrow(/decimal places/);
    expect(parseDecimal('1.500000000000000', 12)).toBe(1_500_000_000_000n);
  });
  it('computes ratios for percentages', () => {
    expect(ratio('1', '3')).toBe('0.3333');
    expect(ratio('2', '3')).toBe('0.6667');
    expect(ratio('1', '0')).toBeNull();
  });
});
