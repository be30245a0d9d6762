import { attemptPlan } from './attempt-plan';

const limits = (maxAttempts: number) => ({ attemptTimeoutMs: 1000, totalBudgetMs: 2000, maxAttempts, breakerFailures: 3, breakerCooldownMs: 1000 });

describe('attemptPlan', () => {
  it('tries the picked target, then fallbacks in order, each once', () => {
    expect(attemptPlan({ fallbacks: ['b', 'a', 'c', 'b'], limits: limits(10) }, 'a')).toEqual(['a', 'b', 'c']);
  });

  it('caps the plan at maxAttempts', () => {
    expect(attemptPlan({ fallbacks: ['b', 'c', 'd'], limits: limits(2) }, 'a')).toEqual(['a', 'b']);
    expect(attemptPlan({ fallbacks: ['b'], limits: limits(1) }, 'a')).toEqual(['a']);
  });

  it('drops skipped models before capping so they do not use up attempts', () => {
    expect(attemptPlan({ fallbacks: ['b', 'c', 'd'], limits: limits(2) }, 'a', (m) => m === 'a' || m === 'c')).toEqual(['b', 'd']);
    expect(attemptPlan({ fallbacks: ['b'], limits: limits(3) }, 'a', () => true)).toEqual([]);
  });
});
