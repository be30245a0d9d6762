import { memo, useCallback, useMemo } from 'react';
import { AreaChart, CartesianGrid, useXAxisScale, useYAxisScale, XAxis, YAxis } from 'recharts';
import { axisTick } from './AxisTick';
import { useChartSize } from './chart-size';
import { ChartLegend } from './ChartLegend';
import { ChartTooltipBox } from './ChartTooltip';
import { HoverLayer } from './HoverLayer';
import { niceAxis } from './nice-scale';
import { AXIS_COLOR, GRID_COLOR } from './palette';
import { frozenRows, noVerticalLines, xTicks, type ChartRow, type ChartSeries } from './types';

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
 * Stacked areas over time: a Recharts chart (size, axes, grid, scales) whose bands are
 * drawn by one small layer through Recharts' scale hooks. Ten Recharts <Area>s each
 * register in the chart store and recompute their points on every registration; for a
 * year of days that was most of the render (bench/dashboard.mjs), and the bands are
 * simple: straight segments between each day's running totals.
 */
export const StackedAreaChart = memo(function StackedAreaChart({ rows, series, formatX, formatY, valueLabel, totalLabel, label }: StackedAreaChartProps) {
  const { width, height } = useChartSize();
  const labelAt = useCallback((i: number) => rows[i]?.x ?? '', [rows]);
  const xTick = useMemo(() => axisTick((i: number) => formatX(labelAt(i)), 'x'), [formatX, labelAt]);
  const yTick = useMemo(() => axisTick(formatY, 'y'), [formatY]);
  const ticks = useMemo(() => xTicks(rows.length), [rows.length]);
  const xDomain = useMemo(() => [0, Math.max(1, rows.length - 1)], [rows.length]);
  const totals = useMemo(() => runningTotals(rows, series), [rows, series]);
  // The tallest day's total (the top band's highest point) sets the axis.
  const yAxis = useMemo(() => niceAxis(Math.max(0, ...(totals[totals.length - 1] ?? []))), [totals]);
  const yDomain = useMemo(() => [0, yAxis.top], [yAxis]);
  // Recharts lays out an axis only for data it is given. The domains and ticks are set
  // explicitly, so two corner points are enough; the bands never go through Recharts' data.
  const chartData = useMemo(() => frozenRows([{ i: 0, total: 0 }, { i: xDomain[1], total: yAxis.top }]), [xDomain, yAxis]);
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
  return (
    <div>
      <div className="chart-plot-wrap" style={{ height }}>
        {width > 0 && (
          <>
            <AreaChart width={width} height={height} data={chartData as Array<{ i: number; total: number }>} margin={MARGIN}>
              <CartesianGrid stroke={GRID_COLOR} vertical={false} verticalCoordinatesGenerator={noVerticalLines} />
              <XAxis dataKey="i" type="number" domain={xDomain} ticks={ticks} interval={0} tick={xTick} stroke={AXIS_COLOR} tickLine={false} />
              <YAxis dataKey="total" type="number" domain={yDomain} ticks={yAxis.ticks} interval={0} tick={yTick} stroke={AXIS_COLOR} tickLine={false} axisLine={false} width={Y_AXIS_WIDTH} />
              <StackBands totals={totals} series={series} />
            </AreaChart>
            <HoverLayer width={width} height={height} box={PLOT_BOX} count={rows.length} label={label} render={tooltip} />
          </>
        )}
      </div>
      <ChartLegend series={series} />
    </div>
  );
});

/** totals[k][i] = sum of series 0..k at row i (plotting numbers only). */
function runningTotals(rows: readonly ChartRow[], series: readonly ChartSeries[]): number[][] {
  const totals = series.map(() => new Array<number>(rows.length));
  rows.forEach((r, i) => {
    let sum = 0;
    series.forEach((s, k) => {
      const v = r[s.key];
      sum += typeof v === 'number' ? v : 0;
      totals[k][i] = sum;
    });
  });
  return totals;
}

/** One closed path per series: along its running total, back along the one below it. */
function StackBands({ totals, series }: { totals: number[][]; series: readonly ChartSeries[] }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const paths = useMemo(() => {
    if (!xScale || !yScale) return [];
    const n = totals[0]?.length ?? 0;
    const xs = Array.from({ length: n }, (_, i) => round(Number(xScale(i))));
    const y0 = round(Number(yScale(0)));
    let below = new Array<number>(n).fill(y0);
    return totals.map((top) => {
      const ys = top.map((v) => round(Number(yScale(v))));
      let d = `M${xs[0]},${ys[0]}`;
      for (let i = 1; i < n; i++) d += `L${xs[i]},${ys[i]}`;
      for (let i = n - 1; i >= 0; i--) d += `L${xs[i]},${below[i]}`;
      below = ys;
      return `${d}Z`;
    });
  }, [totals, xScale, yScale]);
  return (
    <g className="stack-bands">
      {paths.map((d, k) => (
        <path key={series[k].key} className="stack-area" d={d} fill={series[k].color} fillOpacity={0.9} stroke="none" />
      ))}
    </g>
  );
}

const round = (v: number) => Math.round(v * 10) / 10;

const MARGIN = { top: 8, right: 16, bottom: 0, left: 4 };
const Y_AXIS_WIDTH = 64;
/** Recharts' default x axis is 30 px tall. */
const PLOT_BOX = { left: MARGIN.left + Y_AXIS_WIDTH, right: MARGIN.right, top: MARGIN.top, bottom: 30 };
