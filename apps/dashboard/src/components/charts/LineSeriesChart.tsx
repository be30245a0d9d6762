import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS_COLOR, GRID_COLOR } from './palette';
import { ChartTooltipBox } from './ChartTooltip';
import type { ChartRow, ChartSeries } from './types';

export interface LineSeriesChartProps {
  rows: ChartRow[];
  series: ChartSeries[];
  formatX: (x: string) => string;
  formatY: (y: number) => string;
}

/** One line per series; gaps where a series has no value (null) stay gaps. */
export function LineSeriesChart({ rows, series, formatX, formatY }: LineSeriesChartProps) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid stroke={GRID_COLOR} vertical={false} />
        <XAxis dataKey="x" tickFormatter={formatX} stroke={AXIS_COLOR} tickLine={false} minTickGap={24} fontSize={12} />
        <YAxis tickFormatter={formatY} stroke={AXIS_COLOR} tickLine={false} axisLine={false} width={56} fontSize={12} />
        <Tooltip
          content={({ active, label }) => {
            if (!active || label === undefined) return null;
            const row = rows.find((r) => r.x === label);
            if (!row) return null;
            const entries = series.map((s) => {
              const v = row[s.key];
              return { series: s, value: typeof v === 'number' ? formatY(v) : '—' };
            });
            return <ChartTooltipBox title={formatX(String(label))} entries={entries} />;
          }}
        />
        <Legend iconType="plainline" wrapperStyle={{ fontSize: 12.5, paddingTop: 6 }} />
        {series.map((s) => (
          <Line
            key={s.key}
            type="monotone"
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
    </ResponsiveContainer>
  );
}
