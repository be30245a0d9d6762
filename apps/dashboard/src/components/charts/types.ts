/** A plotted series: `key` is a safe property name in the chart rows, `label` what people read. */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

/**
 * One x position: `x` is its label (a day), `i` its index, plotted on a numeric axis
 * (a category axis of 365 days costs Recharts a lookup per point per series), plus one
 * number per series key (plotting only).
 */
export type ChartRow = { x: string; i: number } & Record<string, number | string | null>;

/** About `labels` evenly spaced tick positions (row indexes) for an axis of `points` rows. */
export function xTicks(points: number, labels = 10): number[] {
  if (points <= 0) return [];
  const step = Math.max(1, Math.ceil(points / labels));
  const ticks: number[] = [];
  for (let i = 0; i < points; i += step) ticks.push(i);
  return ticks;
}

/** Without vertical grid lines Recharts would still lay out (and measure) every x tick for the grid. */
export const noVerticalLines = (): number[] => [];

/** Smooth curves for short series; straight segments beyond three months (a third of the path data, same picture). */
export function curveFor(points: number): 'monotone' | 'linear' {
  return points > 120 ? 'linear' : 'monotone';
}

/**
 * Recharts keeps chart data in an Immer store, which deep-freezes whatever it is given
 * unless it is frozen already; freezing the rows up front skips that walk.
 */
export function frozenRows<T extends object>(rows: T[]): readonly T[] {
  for (const r of rows) Object.freeze(r);
  return Object.freeze(rows);
}
