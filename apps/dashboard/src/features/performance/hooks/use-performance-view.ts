import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { addDays, todayUtc } from '../../../lib/dates';
import type { Percentile } from '../lib/shape-performance';

export type PerfRange = '7' | '30' | '90';
export type PerfGroupBy = 'bucket' | 'model';

export interface PerformanceView {
  range: PerfRange;
  groupBy: PerfGroupBy;
  pct: Percentile;
  from: string;
  to: string;
}

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;

/** `?range=30&groupBy=model&pct=p95` — shareable like the spend view. */
export function usePerformanceView(): [PerformanceView, (patch: Partial<Pick<PerformanceView, 'range' | 'groupBy' | 'pct'>>) => void] {
  const [params, setParams] = useSearchParams();
  const view = useMemo<PerformanceView>(() => {
    const range = pick(params.get('range'), ['7', '30', '90'] as const, '30');
    const to = todayUtc();
    return {
      range,
      groupBy: pick(params.get('groupBy'), ['bucket', 'model'] as const, 'bucket'),
      pct: pick(params.get('pct'), ['p50', 'p95'] as const, 'p95'),
      from: addDays(to, -(Number(range) - 1)),
      to,
    };
  }, [params]);
  const update = useCallback(
    (patch: Partial<Pick<PerformanceView, 'range' | 'groupBy' | 'pct'>>) => {
      const next = { ...view, ...patch };
      setParams({ range: next.range, groupBy: next.groupBy, pct: next.pct });
    },
    [view, setParams],
  );
  return [view, update];
}
