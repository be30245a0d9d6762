import { useMemo } from 'react';
import { ChartCard } from '../../../components/charts/ChartCard';
import { LineSeriesChart } from '../../../components/charts/LineSeriesChart';
import { formatDay } from '../../../lib/dates';
import type { PerformanceView } from '../hooks/use-performance-view';
import { usePerformance } from '../hooks/use-performance';
import { shapePerformance, type PerformanceMetric } from '../lib/shape-performance';

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const pct = (v: number) => `${v.toFixed(v < 10 ? 1 : 0)}%`;

const CHARTS: Array<{ metric: PerformanceMetric; title: (p: string) => string; format: (v: number) => string; note: string }> = [
  { metric: 'latency', title: (p) => `Latency ${p}`, format: ms, note: 'Total request time' },
  { metric: 'ttft', title: (p) => `Time to first token ${p}`, format: ms, note: 'Streaming requests' },
  { metric: 'errorRate', title: () => 'Error rate', format: pct, note: 'Share of requests that failed' },
  { metric: 'cacheHitRate', title: () => 'Cache hit rate', format: pct, note: 'Exact and semantic hits' },
];

export function PerformanceCharts({ view }: { view: PerformanceView }) {
  const perf = usePerformance({ from: view.from, to: view.to, groupBy: view.groupBy, granularity: 'day' });
  const shaped = useMemo(() => (perf.data ? shapePerformance(perf.data.series) : null), [perf.data]);
  // Stable rows per chart, so a re-render of the page does not make Recharts recompute every point.
  const rowsByMetric = useMemo(
    () => (shaped ? new Map(CHARTS.map((c) => [c.metric, shaped.rows(c.metric, view.pct)])) : null),
    [shaped, view.pct],
  );
  return (
    <div className="stack">
      {shaped && shaped.omitted > 0 && (
        <p className="notice">Showing the {shaped.series.length} busiest {view.groupBy}s; {shaped.omitted} quieter ones are left out.</p>
      )}
      <div className="grid-2">
        {CHARTS.map((c) => (
          <ChartCard
            key={c.metric}
            title={c.title(view.pct)}
            description={`${c.note}, by ${view.groupBy}, per day`}
            height={240}
            loading={perf.isPending}
            error={perf.isError ? perf.error : null}
            onRetry={() => void perf.refetch()}
            empty={!shaped || shaped.series.length === 0}
            emptyMessage="No requests in this range yet."
          >
            {shaped && rowsByMetric && <LineSeriesChart rows={rowsByMetric.get(c.metric) ?? []} series={shaped.series} formatX={formatDay} formatY={c.format} label={`${c.title(view.pct)} by ${view.groupBy}`} />}
          </ChartCard>
        ))}
      </div>
    </div>
  );
}
