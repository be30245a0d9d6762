import { formatDecimal, toPicoUsd } from '@switchyard/pricing';

/** Budget arithmetic on exact picodollars: no float ever decides whether a limit is spent. */
export interface BudgetStanding {
  /** spent / budget × 100, 2 decimals, rounded half up. */
  percent: string;
  crossedThresholds: number[];
  exhausted: boolean;
}

export function budgetStanding(spentUsd: string, monthlyUsd: string, thresholds: readonly number[]): BudgetStanding {
  const spent = toPicoUsd(spentUsd);
  const monthly = toPicoUsd(monthlyUsd);
  if (monthly <= 0n) throw new Error('a budget must be greater than 0');
  // percent × 100 (2 decimals) = spent × 10000 / monthly, rounded half up.
  const scaled = (spent * 10_000n * 2n + monthly) / (2n * monthly);
  return {
    percent: formatDecimal(scaled, 2, 2),
    crossedThresholds: [...thresholds].filter((t) => spent * 100n >= BigInt(t) * monthly).sort((a, b) => a - b),
    exhausted: spent >= monthly,
  };
}

/** Thresholds as stored: unique, ascending. */
export function normaliseThresholds(thresholds: readonly number[]): number[] {
  return [...new Set(thresholds)].sort((a, b) => a - b);
}
