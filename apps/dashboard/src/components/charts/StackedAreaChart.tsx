import { memo, useCallback, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { axisTick } from './AxisTick';
import { useChartSize } from './chart-size';
import { ChartLegend } from './ChartLegend';
import { ChartTooltipBox } from './ChartTooltip';
import { HoverLayer } from './HoverLayer';
import { AXIS_COLOR, GRID_COLOR } from './palette';
import { curveFor, frozenRows, noVerticalLines, xTicks, type ChartRow, type ChartSeries } from './types';

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
  // Stacked by hand: each area is drawn from zero to the running total of its series and
  // those below it, the tallest first so lower ones paint over it. Same picture as Recharts'
  // stackId, without its per-point stacking work (see bench/dashboard.mjs).
  const stacked = useMemo(() => frozenRows(rows.map((r) => {
    const out: ChartRow = { x: r.x, i: r.i };
    let sum = 0;
    series.forEach((s, k) => {
      sum += typeof r[s.key] === 'number' ? (r[s.key] as number) : 0;
      out[`c${k}`] = sum;
    });
    return out;
  })), [rows, series]);
  const drawOrder = useMemo(() => series.map((s, k) => ({ s, k })).reverse(), [series]);
  return (
    <div>
      <div className="chart-plot-wrap" style={{ height }}>
        {width > 0 && (
          <>
          <AreaChart width={width} height={height} data={stacked as ChartRow[]} margin={MARGIN}>
            <CartesianGrid stroke={GRID_COLOR} vertical={false} verticalCoordinatesGenerator={noVerticalLines} />
            <XAxis dataKey="i" type="number" domain={domain} ticks={ticks} interval={0} tick={xTick} stroke={AXIS_COLOR} tickLine={false} />
            <YAxis tick={yTick} stroke={AXIS_COLOR} tickLine={false} axisLine={false} width={Y_AXIS_WIDTH} interval={0} />
            {drawOrder.map(({ s, k }) => (
              <Area
                key={s.key}
                type={curve}
                dataKey={`c${k}`}
                name={s.label}
                // Fill only: a stroke is a second path per series, and the fills already meet cleanly.
                stroke="none"
                fill={s.color}
                fillOpacity={1}
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
