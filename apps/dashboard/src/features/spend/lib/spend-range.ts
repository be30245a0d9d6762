import type { SpendGroupBy } from '@switchyard/contracts';
import { addDays, daysBetween, isIsoDay, todayUtc } from '../../../lib/dates';

export const RANGE_PRESETS = ['7', '30', '90', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const GROUP_BYS: readonly SpendGroupBy[] = ['bucket', 'model', 'team'];

export interface SpendView {
  range: RangePreset;
  from: string;
  to: string;
  groupBy: SpendGroupBy;
  /** Set when the URL asked for something unusable and a default was used instead. */
  problem: string | null;
}

const MAX_DAYS = 366 * 2;

/**
 * Reads the view from the URL (`?range=30&groupBy=model`, or
 * `?range=custom&from=2026-01-01&to=2026-01-31`) so a view can be shared as a link.
 */
export function readSpendView(params: URLSearchParams, today: string = todayUtc()): SpendView {
  const groupByParam = params.get('groupBy');
  const groupBy = (GROUP_BYS as readonly string[]).includes(groupByParam ?? '') ? (groupByParam as SpendGroupBy) : 'bucket';
  const rangeParam = params.get('range') ?? (params.get('from') ? 'custom' : '30');
  const range: RangePreset = (RANGE_PRESETS as readonly string[]).includes(rangeParam) ? (rangeParam as RangePreset) : '30';
  if (range !== 'custom') return { range, from: addDays(today, -(Number(range) - 1)), to: today, groupBy, problem: null };

  const from = params.get('from');
  const to = params.get('to') ?? today;
  let problem: string | null = null;
  if (!isIsoDay(from) || !isIsoDay(to)) problem = 'The custom range needs two dates; showing the last 30 days.';
  else if (from > to) problem = 'The custom range starts after it ends; showing the last 30 days.';
  else if (daysBetween(from, to) > MAX_DAYS) problem = `Ranges are limited to ${MAX_DAYS} days; showing the last 30 days.`;
  if (problem || !from) return { range: 'custom', from: addDays(today, -29), to: today, groupBy, problem };
  return { range, from, to, groupBy, problem: null };
}

/** The URL parameters for a view (presets leave dates out so the link stays "last N days"). */
export function writeSpendView(view: Pick<SpendView, 'range' | 'from' | 'to' | 'groupBy'>): URLSearchParams {
  const p = new URLSearchParams();
  p.set('range', view.range);
  if (view.range === 'custom') {
    p.set('from', view.from);
    p.set('to', view.to);
  }
  p.set('groupBy', view.groupBy);
  return p;
}
