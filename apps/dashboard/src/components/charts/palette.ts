/**
 * The one palette for data series (colour-blind-aware, distinct in order). Series
 * keep their colour by position, so the same bucket has the same colour on every chart
 * that orders groups the same way.
 */
export const SERIES_COLORS = [
  '#2f5bd3', // blue
  '#e8862a', // orange
  '#1fa187', // teal
  '#d1495b', // red
  '#7c5cc4', // violet
  '#8c6d31', // brown
  '#e377c2', // pink
  '#5f6b7a', // slate
  '#b5bd2b', // olive
  '#17a2c8', // cyan
] as const;

/** Colour for "everything else" when groups are folded. */
export const OTHER_COLOR = '#aab1bf';

export const GRID_COLOR = '#e1e4ea';
export const AXIS_COLOR = '#8a91a1';

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

/**
 * Colours for named series, given by name order rather than by rank, so a bucket keeps
 * its colour whether a chart orders series by cost (Spend) or by volume (Performance).
 */
export function colorsByName(names: readonly string[]): Map<string, string> {
  return new Map([...names].sort().map((name, i) => [name, seriesColor(i)]));
}
