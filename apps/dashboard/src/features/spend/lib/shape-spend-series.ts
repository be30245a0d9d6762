import type { SpendResponse } from '@switchyard/contracts';
import { colorsByName, OTHER_COLOR, SERIES_COLORS } from '../../../components/charts/palette';
import { frozenRows, type ChartRow, type ChartSeries } from '../../../components/charts/types';
import { addDays } from '../../../lib/dates';
import { plotNumber, sumDecimal } from '../../../lib/money';

export interface ShapedSpend {
  /** Numbers to plot, frozen (see frozenRows). */
  rows: readonly ChartRow[];
  series: ChartSeries[];
  /** The exact USD string per x and series key, for tooltips and totals. */
  exact: Map<string, Map<string, string>>;
}

export const OTHER_LABEL = 'Other';

/**
 * Turns the API's long series (one point per period × group) into chart rows: one row
 * per day with one number per group, groups ordered by total cost (as the API sends
 * `groups`), the smallest folded into "Other" beyond the palette's size. Days with no
 * spend are filled with zero so the areas do not interpolate across gaps. Folded and
 * tooltip amounts are summed as exact decimals; the numbers are only geometry.
 */
export function shapeSpendSeries(res: SpendResponse): ShapedSpend {
  const ordered = res.groups.map((g) => g.group);
  for (const p of res.series) if (!ordered.includes(p.group)) ordered.push(p.group);
  const fold = ordered.length > SERIES_COLORS.length;
  const kept = fold ? ordered.slice(0, SERIES_COLORS.length - 1) : ordered;
  const keyOf = new Map<string, string>(kept.map((g, i) => [g, `s${i}`]));
  const colors = colorsByName(kept);
  const series: ChartSeries[] = kept.map((g, i) => ({ key: `s${i}`, label: g, color: colors.get(g)! }));
  const otherKey = 'other';
  if (fold) series.push({ key: otherKey, label: OTHER_LABEL, color: OTHER_COLOR });

  const byPeriod = new Map<string, Map<string, string[]>>();
  for (const p of res.series) {
    const key = keyOf.get(p.group) ?? otherKey;
    let cells = byPeriod.get(p.period);
    if (!cells) byPeriod.set(p.period, (cells = new Map()));
    const list = cells.get(key);
    if (list) list.push(p.costUsd);
    else cells.set(key, [p.costUsd]);
  }

  const periods = periodsToShow(res, byPeriod);
  const exact = new Map<string, Map<string, string>>();
  const rows = periods.map((period, i) => {
    const row: ChartRow = { x: period, i };
    const cells = byPeriod.get(period);
    const amounts = new Map<string, string>();
    for (const s of series) {
      const values = cells?.get(s.key);
      const usd = !values ? '0' : values.length === 1 ? values[0] : sumDecimal(values);
      row[s.key] = plotNumber(usd);
      amounts.set(s.key, usd);
    }
    exact.set(period, amounts);
    return row;
  });
  return { rows: frozenRows(rows), series, exact };
}

/** Every day of a daily query (gaps included); otherwise the periods the API returned. */
function periodsToShow(res: SpendResponse, byPeriod: Map<string, unknown>): string[] {
  if ((res.query.granularity ?? 'day') === 'day' && res.query.from <= res.query.to) {
    const out: string[] = [];
    for (let d = res.query.from; d <= res.query.to && out.length <= 1000; d = addDays(d, 1)) out.push(d);
    return out;
  }
  return [...byPeriod.keys()].sort();
}

/** The exact amount of one series at one x. */
export function exactAt(shaped: ShapedSpend, x: string, seriesKey: string): string {
  return shaped.exact.get(x)?.get(seriesKey) ?? '0';
}

/** Exact total of every series at one x (tooltip footer). */
export function totalAt(shaped: ShapedSpend, x: string): string {
  return sumDecimal(shaped.series.map((s) => exactAt(shaped, x, s.key)));
}
