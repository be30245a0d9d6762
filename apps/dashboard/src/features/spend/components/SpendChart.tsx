import type { SpendResponse } from '@switchyard/contracts';
import { useCallback, useMemo } from 'react';
import { ChartCard } from '../../../components/charts/ChartCard';
import { StackedAreaChart } from '../../../components/charts/StackedAreaChart';
import type { ChartSeries } from '../../../components/charts/types';
import { formatDay } from '../../../lib/dates';
import { formatUsd, formatUsdTick } from '../../../lib/money';
import { exactAt, shapeSpendSeries, totalAt } from '../lib/shape-spend-series';

export interface SpendChartProps {
  data: SpendResponse | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  groupBy: string;
}

export function SpendChart({ data, loading, error, onRetry, groupBy }: SpendChartProps) {
  const shaped = useMemo(() => (data ? shapeSpendSeries(data) : null), [data]);
  const valueLabel = useCallback((x: string, s: ChartSeries) => (shaped ? formatUsd(exactAt(shaped, x, s.key)) : ''), [shaped]);
  const totalLabel = useCallback((x: string) => (shaped ? formatUsd(totalAt(shaped, x)) : ''), [shaped]);
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
          valueLabel={valueLabel}
          totalLabel={totalLabel}
          label={`Daily spend by ${groupBy}`}
        />
      )}
    </ChartCard>
  );
}
