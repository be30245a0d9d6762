import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SpendPoint, SpendQuery, SpendResponse } from '@switchyard/contracts';
import { rowMoney, SpendTotalsAccumulator, toPoint, toTotals, usdText, type SpendRow } from './spend-math';
import { checkRange, periodSql, spendSource } from './spend-sql';

/** Sums of the metric columns per period × group (money stays NUMERIC). */
const SUMS = `sum(requests)::bigint AS requests, sum(errors)::bigint AS errors, sum(prompt_tokens)::bigint AS prompt_tokens,
  sum(completion_tokens)::bigint AS completion_tokens, sum(cached_tokens)::bigint AS cached_tokens, sum(cache_hits)::bigint AS cache_hits,
  sum(unpriced_requests)::bigint AS unpriced_requests, sum(cost_usd) AS cost_usd, sum(baseline_cost_usd) AS baseline_cost_usd,
  sum(cache_saved_usd) AS cache_saved_usd`;

/** A point as Postgres sends it: [period, group, 7 counts, 3 money texts]. */
type PointArray = [string, string, number, number, number, number, number, number, number, string, string, string];

/**
 * Spend time series from the rollups (never from raw events). Every sum is made by
 * Postgres on NUMERIC. The series can be long (a year of 20 buckets is 7,300 points):
 * Postgres sends it as one JSON array of arrays, which costs a fraction of 7,300 row
 * objects through the driver, with the per-group sums of the same rows beside it; the
 * grand total adds those few as bigint picodollars. A daily series of one dimension
 * is spend_daily_dim's rows as they are, read by an index-only scan.
 */
@Injectable()
export class SpendService {
  constructor(private readonly dataSource: DataSource) {}

  async query(q: SpendQuery): Promise<SpendResponse> {
    checkRange(q.from, q.to);
    const src = spendSource(q);
    // One statement, one scan: the points as a JSON array of arrays, and the per-group sums of the same rows.
    const sql =
      src.table === 'spend_daily_dim' && q.granularity === 'day'
        ? `WITH p AS MATERIALIZED (
             SELECT to_char(day, 'YYYY-MM-DD') AS period, value AS grp, requests, errors, prompt_tokens, completion_tokens,
               cached_tokens, cache_hits, unpriced_requests, cost_usd, baseline_cost_usd, cache_saved_usd
             FROM spend_daily_dim WHERE ${src.where.join(' AND ')})
           SELECT (SELECT coalesce(json_agg(json_build_array(period, grp, requests, errors, prompt_tokens, completion_tokens, cached_tokens,
                     cache_hits, unpriced_requests, cost_usd::text, baseline_cost_usd::text, cache_saved_usd::text) ORDER BY period, grp COLLATE "C"), '[]')::text
                   FROM p) AS series,
                  (SELECT coalesce(json_agg(json_build_array(grp, requests::text, errors::text, prompt_tokens::text, completion_tokens::text,
                     cached_tokens::text, cache_hits::text, unpriced_requests::text, cost_usd::text, baseline_cost_usd::text, cache_saved_usd::text)), '[]')::text
                   FROM (SELECT grp, sum(requests) AS requests, sum(errors) AS errors, sum(prompt_tokens) AS prompt_tokens,
                     sum(completion_tokens) AS completion_tokens, sum(cached_tokens) AS cached_tokens, sum(cache_hits) AS cache_hits,
                     sum(unpriced_requests) AS unpriced_requests, sum(cost_usd) AS cost_usd, sum(baseline_cost_usd) AS baseline_cost_usd,
                     sum(cache_saved_usd) AS cache_saved_usd FROM p GROUP BY grp) g) AS groups`
        : `WITH p AS MATERIALIZED (
             SELECT ${periodSql(q.granularity)} AS period, ${src.group} AS grp, ${SUMS}
             FROM ${src.table} WHERE ${src.where.join(' AND ')} GROUP BY 1, 2)
           SELECT (SELECT coalesce(json_agg(json_build_array(period, grp, requests, errors, prompt_tokens, completion_tokens, cached_tokens,
                     cache_hits, unpriced_requests, cost_usd::text, baseline_cost_usd::text, cache_saved_usd::text) ORDER BY period, grp COLLATE "C"), '[]')::text
                   FROM p) AS series,
                  (SELECT coalesce(json_agg(json_build_array(grp, requests::text, errors::text, prompt_tokens::text, completion_tokens::text,
                     cached_tokens::text, cache_hits::text, unpriced_requests::text, cost_usd::text, baseline_cost_usd::text, cache_saved_usd::text)), '[]')::text
                   FROM (SELECT grp, sum(requests) AS requests, sum(errors) AS errors, sum(prompt_tokens) AS prompt_tokens,
                     sum(completion_tokens) AS completion_tokens, sum(cached_tokens) AS cached_tokens, sum(cache_hits) AS cache_hits,
                     sum(unpriced_requests) AS unpriced_requests, sum(cost_usd) AS cost_usd, sum(baseline_cost_usd) AS baseline_cost_usd,
                     sum(cache_saved_usd) AS cache_saved_usd FROM p GROUP BY grp) g) AS groups`;
    const [{ series, groups: groupJson }] = await this.read<{ series: string; groups: string }>(sql, src.params, src.table === 'spend_daily');
    const groupRows = (JSON.parse(groupJson) as string[][]).map(
      (g): SpendRow => ({
        period: null,
        grp: g[0],
        requests: g[1],
        errors: g[2],
        prompt_tokens: g[3],
        completion_tokens: g[4],
        cached_tokens: g[5],
        cache_hits: g[6],
        unpriced_requests: g[7],
        cost_usd: g[8],
        baseline_cost_usd: g[9],
        cache_saved_usd: g[10],
      }),
    );
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
    costUsd: usdText(a[9]),
    baselineCostUsd: usdText(a[10]),
    cacheSavedUsd: usdText(a[11]),
  };
}
