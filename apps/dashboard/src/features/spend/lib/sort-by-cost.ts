import { signOf, sumDecimal } from '../../../lib/money';

/** Highest cost first, compared exactly on the decimal strings (no float rounding ties); equal costs keep their order. */
export function sortByCostDesc<T extends { costUsd: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => signOf(sumDecimal([b.costUsd, negate(a.costUsd)])));
}

function negate(value: string): string {
  return value.startsWith('-') ? value.slice(1) : `-${value}`;
}
