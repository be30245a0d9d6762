import { SEED_POLICY } from '@switchyard/contracts';
import { setShadow } from './policy-edits';

describe('setShadow', () => {
  it('adds sampling to one bucket, replaces it, and removes the field when switched off', () => {
    const on = setShadow(SEED_POLICY, 0, { rate: 0.05, model: null });
    expect(on.buckets[0].shadow).toEqual({ rate: 0.05, model: null });
    expect(on.buckets[1]).toBe(SEED_POLICY.buckets[1]);
    expect(SEED_POLICY.buckets[0].shadow).toBeUndefined();
    const changed = setShadow(on, 0, { rate: 0.1, model: 'openai/gpt-4o' });
    expect(changed.buckets[0].shadow).toEqual({ rate: 0.1, model: 'openai/gpt-4o' });
    const off = setShadow(changed, 0, null);
    expect('shadow' in off.buckets[0]).toBe(false);
    expect(off.buckets[0]).toEqual(SEED_POLICY.buckets[0]);
  });
});
