import { memo, useCallback, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import { axisTick } from './AxisTick';
import { useChartSize } from './chart-size';
import { ChartLegend } from './ChartLegend';
import { ChartTooltipBox } from './ChartTooltip';
import { HoverLayer } from './HoverLayer';
import { AXIS_COLOR, GRID_COLOR } from './palette';
import { curveFor, noVerticalLines, xTicks, type ChartRow, type ChartSeries } from './types';

export interface LineSeriesChartProps {
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  formatX: (x: string) => string;
  formatY: (y: number) => string;
  /** What the chart shows, for screen readers. */
  label: string;
}

/** One line per series; gaps where a series has no value (null) stay gaps. Same tuning as StackedAreaChart. */
export const LineSeriesChart = memo(function LineSeriesChart({ rows, series, formatX, formatY, label }: LineSeriesChartProps) {
  const { width, height } = useChartSize();
  const labelAt = useCallback((i: number) => rows[i]?.x ?? '', [rows]);
  const xTick = useMemo(() => axisTick((i: number) => formatX(labelAt(i)), 'x'), [formatX, labelAt]);
  const yTick = useMemo(() => axisTick(formatY, 'y'), [formatY]);
  const ticks = useMemo(() => xTicks(rows.length, 6), [rows.length]);
  const domain = useMemo(() => [0, Math.max(0, rows.length - 1)], [rows.length]);
  const tooltip = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return null;
      const entries = series.map((s) => {
        const v = row[s.key];
        return { series: s, value: typeof v === 'number' ? formatY(v) : '—' };
      });
      return <ChartTooltipBox title={formatX(row.x)} entries={entries} />;
    },
    [rows, series, formatX, formatY],
  );
  return (
    <div>
      <div className="chart-plot-wrap" style={{ height }}>
        {width > 0 && (
          <>
          <LineChart width={width} height={height} data={rows as ChartRow[]} margin={MARGIN}>
            <CartesianGrid stroke={GRID_COLOR} vertical={false} verticalCoordinatesGenerator={noVerticalLines} />
            <XAxis dataKey="i" type="number" domain={domain} ticks={ticks} interval={0} tick={xTick} stroke={AXIS_COLOR} tickLine={false} />
            <YAxis tick={yTick} stroke={AXIS_COLOR} tickLine={false} axisLine={false} width={Y_AXIS_WIDTH} interval={0} />
            {series.map((s) => (
              <Line
                key={s.key}
                type={curveFor(rows.length)}
                dataKey={s.key}
                name={s.label}
                stroke={s.color}
                strokeWidth={2}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
          <HoverLayer width={width} height={height} box={PLOT_BOX} count={rows.length} label={label} render={tooltip} />
          </>
        )}
      </div>
      <ChartLegend series={series} line />
    </div>
  );
});

const MARGIN = { top: 8, right: 16, bottom: 0, left: 4 };
const Y_AXIS_WIDTH = 56;
/** Recharts' default x axis is 30 px tall. */
const PLOT_BOX = { left: MARGIN.left + Y_AXIS_WIDTH, right: MARGIN.right, top: MARGIN.top, bottom: 30 };
