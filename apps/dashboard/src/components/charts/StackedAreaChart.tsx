import { memo, useCallback, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { axisTick } from './AxisTick';
import { useChartSize } from './chart-size';
import { ChartLegend } from './ChartLegend';
import { ChartTooltipBox } from './ChartTooltip';
import { HoverLayer } from './HoverLayer';
import { AXIS_COLOR, GRID_COLOR } from './palette';
import { curveFor, noVerticalLines, xTicks, type ChartRow, type ChartSeries } from './types';

export interface StackedAreaChartProps {
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  formatX: (x: string) => string;
  formatY: (y: number) => string;
  /** Exact label for a series value at an x (the plotted numbers are only geometry). */
  valueLabel: (x: string, series: ChartSeries) => string;
  totalLabel?: (x: string) => string;
  /** What the chart shows, for screen readers. */
  label: string;
}

/**
 * Stacked areas over time. Tuned for a year of days × ten series (bench/dashboard.mjs):
 * one render pass at a known size, stable props, a numeric x axis with fixed ticks,
 * fills without strokes, no animation, the legend in HTML.
 */
export const StackedAreaChart = memo(function StackedAreaChart({ rows, series, formatX, formatY, valueLabel, totalLabel, label }: StackedAreaChartProps) {
  const { width, height } = useChartSize();
  const labelAt = useCallback((i: number) => rows[i]?.x ?? '', [rows]);
  const xTick = useMemo(() => axisTick((i: number) => formatX(labelAt(i)), 'x'), [formatX, labelAt]);
  const yTick = useMemo(() => axisTick(formatY, 'y'), [formatY]);
  const ticks = useMemo(() => xTicks(rows.length), [rows.length]);
  const domain = useMemo(() => [0, Math.max(0, rows.length - 1)], [rows.length]);
  const tooltip = useCallback(
    (index: number) => {
      const x = labelAt(index);
      const entries = [...series].reverse().map((s) => ({ series: s, value: valueLabel(x, s) }));
      return (
        <ChartTooltipBox
          title={formatX(x)}
          entries={entries}
          footer={totalLabel && <span className="row-between"><span>Total</span><strong className="num">{totalLabel(x)}</strong></span>}
        />
      );
    },
    [series, valueLabel, totalLabel, formatX, labelAt],
  );
  const curve = curveFor(rows.length);
  return (
    <div>
      <div className="chart-plot-wrap" style={{ height }}>
        {width > 0 && (
          <>
          <AreaChart width={width} height={height} data={rows as ChartRow[]} margin={MARGIN}>
            <CartesianGrid stroke={GRID_COLOR} vertical={false} verticalCoordinatesGenerator={noVerticalLines} />
            <XAxis dataKey="i" type="number" domain={domain} ticks={ticks} interval={0} tick={xTick} stroke={AXIS_COLOR} tickLine={false} />
            <YAxis tick={yTick} stroke={AXIS_COLOR} tickLine={false} axisLine={false} width={Y_AXIS_WIDTH} interval={0} />
            {series.map((s) => (
              <Area
                key={s.key}
                type={curve}
                dataKey={s.key}
                name={s.label}
                stackId="stack"
                // Fill only: a stroke is a second path per series, and the fills already meet cleanly.
                stroke="none"
                fill={s.color}
                fillOpacity={0.85}
                dot={false}
                activeDot={false}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
          <HoverLayer width={width} height={height} box={PLOT_BOX} count={rows.length} label={label} render={tooltip} />
          </>
        )}
      </div>
      <ChartLegend series={series} />
    </div>
  );
});

const MARGIN = { top: 8, right: 16, bottom: 0, left: 4 };
const Y_AXIS_WIDTH = 64;
/** Recharts' default x axis is 30 px tall. */
const PLOT_BOX = { left: MARGIN.left + Y_AXIS_WIDTH, right: MARGIN.right, top: MARGIN.top, bottom: 30 };
