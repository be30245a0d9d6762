import { normalizePrice, pointInForce } from './catalog-data';
import { usesOfModel } from './model-usage';
import { policyContent, SEED_POLICY } from '@switchyard/contracts';

describe('catalog data', () => {
  it('prints NUMERIC prices in their shortest exact form', () => {
    expect(normalizePrice('2.500000')).toBe('2.5');
    expect(normalizePrice('10.000000')).toBe('10');
    expect(normalizePrice('0.000000')).toBe('0');
    expect(normalizePrice('0.000001')).toBe('0.000001');
    expect(normalizePrice('123456.123456')).toBe('123456.123456');
  });

  it('picks the price in force: the latest started one, else the earliest future one', () => {
    const p = (from: string, input: string) => ({ input, output: '1', cachedInput: '1', effectiveFrom: from });
    const points = [p('2026-01-01T00:00:00Z', 'a'), p('2026-03-01T00:00:00Z', 'b'), p('2026-06-01T00:00:00Z', 'c')];
    expect(pointInForce(points, new Date('2026-04-01T00:00:00Z')).input).toBe('b');
    expect(pointInForce(points, new Date('2026-03-01T00:00:00Z')).input).toBe('b');
    expect(pointInForce(points, new Date('2027-01-01T00:00:00Z')).input).toBe('c');
    expect(pointInForce(points, new Date('2025-01-01T00:00:00Z')).input).toBe('a');
    expect(() => pointInForce([], new Date())).toThrow();
  });

  it('says where a policy uses a model', () => {
    const policy = policyContent.parse(SEED_POLICY);
    expect(usesOfModel(policy, 'openai/gpt-4o')).toEqual(['bucket "standard" (fallback)', 'bucket "critical" (target)', 'baselineModel']);
    expect(usesOfModel(policy, 'deepseek-ai/DeepSeek-V4-Flash')).toEqual(['bucket "bulk" (target)']);
    expect(usesOfModel(policy, 'Qwen/Qwen3-32B')).toEqual([]);
  });
});
