/** A plotted series: `key` is a safe property name in the chart rows, `label` what people read. */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

/** One x position: the x value plus one number per series key (plotting only). */
export type ChartRow = { x: string } & Record<string, number | string | null>;
