import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SpendQuery, SpendResponse } from '@switchyard/contracts';
import { rowMoney, SpendTotalsAccumulator, toPoint, toTotals, usdText, type SpendRow } from './spend-math';
import { checkRange, periodSql, spendSource } from './spend-sql';

/** Sums of the metric columns per period × group (money stays NUMERIC). */
const SUMS = `sum(requests)::bigint AS requests, sum(errors)::bigint AS errors, sum(prompt_tokens)::bigint AS prompt_tokens,
  sum(completion_tokens)::bigint AS completion_tokens, sum(cached_tokens)::bigint AS cached_tokens, sum(cache_hits)::bigint AS cache_hits,
  sum(unpriced_requests)::bigint AS unpriced_requests, sum(cost_usd) AS cost_usd, sum(baseline_cost_usd) AS baseline_cost_usd,
  sum(cache_saved_usd) AS cache_saved_usd`;

/**
 * The series as tab-separated lines, one per period × group, in order: period, group
 * (as a JSON string: escaped, so it holds no tab or newline), 6 counts, 3 money texts.
 * Text concatenation costs a fraction of json_build_array per row.
 */
const SERIES_TSV = `SELECT coalesce(string_agg(period || E'\\t' || to_json(grp)::text || E'\\t' || requests || E'\\t' || errors || E'\\t' ||
    prompt_tokens || E'\\t' || completion_tokens || E'\\t' || cached_tokens || E'\\t' || cache_hits || E'\\t' ||
    cost_usd || E'\\t' || baseline_cost_usd || E'\\t' || cache_saved_usd, E'\\n' ORDER BY period, grp COLLATE "C"), '') FROM p`;

/** The per-group sums of the same rows, as a JSON array of arrays of texts. */
const GROUP_SUMS = `SELECT coalesce(json_agg(json_build_array(grp, requests::text, errors::text, prompt_tokens::text, completion_tokens::text,
    cached_tokens::text, cache_hits::text, unpriced_requests::text, cost_usd::text, baseline_cost_usd::text, cache_saved_usd::text)), '[]')::text
  FROM (SELECT grp, sum(requests) AS requests, sum(errors) AS errors, sum(prompt_tokens) AS prompt_tokens,
    sum(completion_tokens) AS completion_tokens, sum(cached_tokens) AS cached_tokens, sum(cache_hits) AS cache_hits,
    sum(unpriced_requests) AS unpriced_requests, sum(cost_usd) AS cost_usd, sum(baseline_cost_usd) AS baseline_cost_usd,
    sum(cache_saved_usd) AS cache_saved_usd FROM p GROUP BY grp) g`;

/**
 * Spend time series from the rollups (never from raw events). Every sum is made by
 * Postgres on NUMERIC. The series can be long (a year of 20 buckets is 7,300 points),
 * so the HTTP answer is written as JSON text straight from Postgres' tab-separated
 * lines, never built as 7,300 objects to be serialised again; the per-group sums of
 * the same rows come beside it and the grand total adds those few as bigint
 * picodollars. A daily series of one dimension is spend_daily_dim's rows as they are,
 * read by an index-only scan.
 */
@Injectable()
export class SpendService {
  constructor(private readonly dataSource: DataSource) {}

  /** A spend view as objects (CSV export, callers in process). */
  async query(q: SpendQuery): Promise<SpendResponse> {
    return JSON.parse(await this.queryJson(q)) as SpendResponse;
  }

  /** A spend view as the JSON text of a SpendResponse (GET /spend). */
  async queryJson(q: SpendQuery): Promise<string> {
    checkRange(q.from, q.to);
    const src = spendSource(q);
    const points =
      src.table === 'spend_daily_dim' && q.granularity === 'day'
        ? `SELECT to_char(day, 'YYYY-MM-DD') AS period, value AS grp, requests, errors, prompt_tokens, completion_tokens,
             cached_tokens, cache_hits, unpriced_requests, cost_usd, baseline_cost_usd, cache_saved_usd
           FROM spend_daily_dim WHERE ${src.where.join(' AND ')}`
        : `SELECT ${periodSql(q.granularity)} AS period, ${src.group} AS grp, ${SUMS}
           FROM ${src.table} WHERE ${src.where.join(' AND ')} GROUP BY 1, 2`;
    // One statement, one scan: the points, and the per-group sums of the same rows.
    const sql = `WITH p AS MATERIALIZED (${points}) SELECT (${SERIES_TSV}) AS series, (${GROUP_SUMS}) AS groups`;
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
    return `{"query":${JSON.stringify(q)},"series":${seriesJson(series)},"groups":${JSON.stringify(groups)},"totals":${JSON.stringify(overall.totals())}}`;
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

/** SERIES_TSV's lines → the JSON text of SpendPoint[] (keys in SpendPoint's order). */
export function seriesJson(tsv: string): string {
  if (tsv === '') return '[]';
  const lines = tsv.split('\n');
  const out = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const f = lines[i].split('\t');
    out[i] =
      `{"period":"${f[0]}","group":${f[1]},"requests":${f[2]},"errors":${f[3]},"promptTokens":${f[4]},"completionTokens":${f[5]},` +
      `"cachedTokens":${f[6]},"cacheHits":${f[7]},"costUsd":"${usdText(f[8])}","baselineCostUsd":"${usdText(f[9])}","cacheSavedUsd":"${usdText(f[10])}"}`;
  }
  return `[${out.join(',')}]`;
}
