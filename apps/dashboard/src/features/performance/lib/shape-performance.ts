import type { PerformancePoint } from '@switchyard/contracts';
import { colorsByName, SERIES_COLORS } from '../../../components/charts/palette';
import { frozenRows, type ChartRow, type ChartSeries } from '../../../components/charts/types';

export type Percentile = 'p50' | 'p95';
export type PerformanceMetric = 'latency' | 'ttft' | 'errorRate' | 'cacheHitRate';

/** The number to plot for a point: milliseconds, or a percentage for the rates. */
export function metricValue(p: PerformancePoint, metric: PerformanceMetric, pct: Percentile): number | null {
  switch (metric) {
    case 'latency':
      return pct === 'p50' ? p.latencyP50Ms : p.latencyP95Ms;
    case 'ttft':
      return pct === 'p50' ? p.ttftP50Ms : p.ttftP95Ms;
    case 'errorRate':
      return p.errorRate === null ? null : Number(p.errorRate) * 100;
    case 'cacheHitRate':
      return p.cacheHitRate === null ? null : Number(p.cacheHitRate) * 100;
  }
}

export interface ShapedPerformance {
  series: ChartSeries[];
  rows(metric: PerformanceMetric, pct: Percentile): readonly ChartRow[];
}

/**
 * Groups ordered by request volume (busiest first, at most one per palette colour);
 * percentiles cannot be merged, so quieter groups are left out rather than folded.
 */
export function shapePerformance(points: readonly PerformancePoint[]): ShapedPerformance & { omitted: number } {
  const volume = new Map<string, number>();
  for (const p of points) volume.set(p.group, (volume.get(p.group) ?? 0) + p.requests);
  const groups = [...volume.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([g]) => g);
  const kept = groups.slice(0, SERIES_COLORS.length);
  const keyOf = new Map(kept.map((g, i) => [g, `s${i}`]));
  const colors = colorsByName(kept);
  const series = kept.map((g, i) => ({ key: `s${i}`, label: g, color: colors.get(g)! }));
  const periods = [...new Set(points.map((p) => p.period))].sort();
  return {
    series,
    omitted: groups.length - kept.length,
    rows(metric, pct) {
      const byPeriod = new Map<string, ChartRow>(periods.map((x, i) => [x, { x, i, ...Object.fromEntries(series.map((s) => [s.key, null])) } as ChartRow]));
      for (const p of points) {
        const key = keyOf.get(p.group);
        const row = byPeriod.get(p.period);
        if (key && row) row[key] = metricValue(p, metric, pct);
      }
      return frozenRows([...byPeriod.values()]);
    },
  };
}
