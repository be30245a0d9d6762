import { budgetStanding, normaliseThresholds } from './budget-math';

describe('budget standing', () => {
  it('crosses a threshold exactly at the boundary, never a picodollar early', () => {
    expect(budgetStanding('49.999999999999', '100', [50, 80, 100])).toEqual({ percent: '50.00', crossedThresholds: [], exhausted: false });
    expect(budgetStanding('50', '100', [50, 80, 100])).toEqual({ percent: '50.00', crossedThresholds: [50], exhausted: false });
    expect(budgetStanding('100', '100', [100, 50, 80])).toEqual({ percent: '100.00', crossedThresholds: [50, 80, 100], exhausted: true });
  });

  it('rounds the percent half up to 2 decimals and goes past 100', () => {
    expect(budgetStanding('1', '3', []).percent).toBe('33.33');
    expect(budgetStanding('2', '3', []).percent).toBe('66.67');
    expect(budgetStanding('0.00005', '1', []).percent).toBe('0.01');
    expect(budgetStanding('0', '1', [50]).percent).toBe('0.00');
    expect(budgetStanding('250.5', '100', [200]).percent).toBe('250.50');
  });

  it('normalises thresholds', () => {
    expect(normaliseThresholds([100, 50, 80, 50])).toEqual([50, 80, 100]);
  });
});
