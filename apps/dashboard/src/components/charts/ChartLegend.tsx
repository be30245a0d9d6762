import type { ChartSeries } from './types';

/**
 * The legend as plain HTML beside the chart. Recharts' own legend measures itself after
 * the first paint and shrinks the plot, which makes every series compute its path again.
 */
export function ChartLegend({ series, line }: { series: readonly ChartSeries[]; line?: boolean }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {series.map((s) => (
        <li key={s.key}>
          <span className={line ? 'swatch swatch-line' : 'swatch'} style={{ background: s.color }} aria-hidden="true" />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
