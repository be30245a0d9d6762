import type { SpendResponse } from '@switchyard/contracts';
import { useMemo } from 'react';
import { ChartCard } from '../../../components/charts/ChartCard';
import { StackedAreaChart } from '../../../components/charts/StackedAreaChart';
import { formatDay } from '../../../lib/dates';
import { formatUsd, formatUsdTick } from '../../../lib/money';
import { exactKey, rowTotal, shapeSpendSeries } from '../lib/shape-spend-series';

export interface SpendChartProps {
  data: SpendResponse | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  groupBy: string;
}

export function SpendChart({ data, loading, error, onRetry, groupBy }: SpendChartProps) {
  const shaped = useMemo(() => (data ? shapeSpendSeries(data) : null), [data]);
  return (
    <ChartCard
      title="Daily spend"
      description={`Cost per day, stacked by ${groupBy}`}
      height={340}
      loading={loading}
      error={error}
      onRetry={onRetry}
      empty={!shaped || data?.series.length === 0}
      emptyMessage="No requests in this range yet. Send traffic through a proxy and it shows here within a minute."
    >
      {shaped && (
        <StackedAreaChart
          rows={shaped.rows}
          series={shaped.series}
          formatX={formatDay}
          formatY={formatUsdTick}
          valueLabel={(row, s) => formatUsd(String(row[exactKey(s.key)] ?? '0'))}
          totalLabel={(row) => formatUsd(rowTotal(row, shaped.series))}
        />
      )}
    </ChartCard>
  );
}
