import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_COLOR, GRID_COLOR } from './palette';
import { ChartTooltipBox } from './ChartTooltip';
import type { ChartRow, ChartSeries } from './types';

export interface StackedAreaChartProps {
  rows: ChartRow[];
  series: ChartSeries[];
  formatX: (x: string) => string;
  formatY: (y: number) => string;
  /** Exact label for a series value at a row (the plotted numbers are only geometry). */
  valueLabel: (row: ChartRow, series: ChartSeries) => string;
  totalLabel?: (row: ChartRow) => string;
}

/** Stacked areas over time. Animation is off: with a year of ten series it costs more than it shows. */
export function StackedAreaChart({ rows, series, formatX, formatY, valueLabel, totalLabel }: StackedAreaChartProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid stroke={GRID_COLOR} vertical={false} />
        <XAxis dataKey="x" tickFormatter={formatX} stroke={AXIS_COLOR} tickLine={false} minTickGap={24} fontSize={12} />
        <YAxis tickFormatter={formatY} stroke={AXIS_COLOR} tickLine={false} axisLine={false} width={64} fontSize={12} />
        <Tooltip
          content={({ active, label }) => {
            if (!active || label === undefined) return null;
            const row = rows.find((r) => r.x === label);
            if (!row) return null;
            const entries = [...series].reverse().map((s) => ({ series: s, value: valueLabel(row, s) }));
            return (
              <ChartTooltipBox
                title={formatX(String(label))}
                entries={entries}
                footer={totalLabel && <span className="row-between"><span>Total</span><strong className="num">{totalLabel(row)}</strong></span>}
              />
            );
          }}
        />
        <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12.5, paddingTop: 6 }} />
        {series.map((s) => (
          <Area
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.label}
            stackId="stack"
            stroke={s.color}
            fill={s.color}
            fillOpacity={0.75}
            strokeWidth={1}
            dot={false}
            activeDot={false}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}
