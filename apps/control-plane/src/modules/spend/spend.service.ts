import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SpendPoint, SpendQuery, SpendResponse } from '@switchyard/contracts';
import { rowMoney, SpendTotalsAccumulator, toPoint, toTotals, usdText, type SpendRow } from './spend-math';
import { checkRange, periodSql, spendSource } from './spend-sql';

const COUNTS = ['requests', 'errors', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'cache_hits'];
const MONEY = ['cost_usd', 'baseline_cost_usd', 'cache_saved_usd'];
const SUMS = [...COUNTS.map((c) => `sum(${c})::bigint AS ${c}`), ...MONEY.map((c) => `sum(${c}) AS ${c}`)].join(', ');
const GROUP_SUMS = [...[...COUNTS, 'unpriced_requests'].map((c) => `sum(${c})::bigint AS ${c}`), ...MONEY.map((c) => `sum(${c})::text AS ${c}`)].join(', ');

/** A point as Postgres sends it: [period, group, 6 counts, 3 money texts]. */
type PointArray = [string, string, number, number, number, number, number, number, string, string, string];

/**
 * Spend time series from the rollups (never from raw events). Every sum is made by
 * Postgres on NUMERIC. The series can be long (a year of 20 buckets is 7,300 points):
 * Postgres sends it as one JSON array of arrays, which costs a fraction of 7,300 row
 * objects through the driver. Totals per group come from a second, small query; the
 * grand total adds those few as bigint picodollars. A daily series of one dimension
 * is spend_daily_dim's rows as they are, read by an index-only scan.
 */
@Injectable()
export class SpendService {
  constructor(private readonly dataSource: DataSource) {}

  async query(q: SpendQuery): Promise<SpendResponse> {
    checkRange(q.from, q.to);
    const src = spendSource(q);
    const where = src.where.join(' AND ');
    const large = src.table === 'spend_daily';
    const points =
      src.table === 'spend_daily_dim' && q.granularity === 'day'
        ? `SELECT to_char(day, 'YYYY-MM-DD') AS period, value AS grp, ${[...COUNTS, ...MONEY].join(', ')} FROM spend_daily_dim WHERE ${where}`
        : `SELECT ${periodSql(q.granularity)} AS period, ${src.group} AS grp, ${SUMS} FROM ${src.table} WHERE ${where} GROUP BY 1, 2`;
    const seriesSql = `SELECT coalesce(json_agg(json_build_array(period, grp, ${COUNTS.join(', ')}, ${MONEY.map((c) => `${c}::text`).join(', ')})
        ORDER BY period, grp COLLATE "C"), '[]')::text AS series FROM (${points}) p`;
    const groupsSql = `SELECT NULL AS period, ${src.group} AS grp, ${GROUP_SUMS} FROM ${src.table} WHERE ${where} GROUP BY ${src.group}`;
    const [[{ series }], groupRows] = await Promise.all([
      this.read<{ series: string }>(seriesSql, src.params, large),
      this.read<SpendRow>(groupsSql, src.params, large),
    ]);

    const overall = new SpendTotalsAccumulator();
    const groups = groupRows
      .map((r) => {
        const money = rowMoney(r);
        overall.add(toPoint(r), money);
        return { cost: money.cost, totals: { group: r.grp ?? '', ...toTotals(r) } };
      })
      .sort((a, b) => (b.cost > a.cost ? 1 : b.cost < a.cost ? -1 : a.totals.group < b.totals.group ? -1 : 1))
      .map((g) => g.totals);
    return { query: q, series: (JSON.parse(series) as PointArray[]).map(fromArray), groups, totals: overall.totals() };
  }

  /**
   * Runs a read. A large one (the detailed table over a long range) runs with JIT off:
   * Postgres would compile it because it scans many rows, and the compilation costs
   * more than these simple sums save.
   */
  async read<T>(sql: string, params: unknown[], large = false): Promise<T[]> {
    if (!large) return this.dataSource.query(sql, params);
    return this.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL jit = off');
      return m.query(sql, params);
    });
  }
}

function fromArray(a: PointArray): SpendPoint {
  return {
    period: a[0],
    group: a[1],
    requests: a[2],
    errors: a[3],
    promptTokens: a[4],
    completionTokens: a[5],
    cachedTokens: a[6],
    cacheHits: a[7],
    costUsd: usdText(a[8]),
    baselineCostUsd: usdText(a[9]),
    cacheSavedUsd: usdText(a[10]),
  };
}
