import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Granularity, SpendGroupBy, SpendQuery, SpendResponse } from '@switchyard/contracts';
import { validationError } from '../../core/http/zod-validation.pipe';
import { daysInclusive } from '../rollups/days';
import { toPoint, TotalsAccumulator, type SpendRow } from './spend-math';

/** Longest range one query may cover (ten years). */
export const MAX_QUERY_DAYS = 3660;

export function periodSql(granularity: Granularity): string {
  // date → timestamp without time zone: truncation never depends on the session's time zone.
  if (granularity === 'day') return `to_char(day, 'YYYY-MM-DD')`;
  return `to_char(date_trunc('${granularity}', day::timestamp), 'YYYY-MM-DD')`;
}

export function checkRange(from: string, to: string): void {
  if (from > to) throw validationError('Invalid range', [{ path: 'to', message: '"to" must not be before "from"' }]);
  if (daysInclusive(from, to) > MAX_QUERY_DAYS) throw validationError('Invalid range', [{ path: 'to', message: `at most ${MAX_QUERY_DAYS} days per query` }]);
}

interface Source {
  table: 'spend_daily' | 'spend_daily_dim';
  group: string;
  where: string[];
  params: unknown[];
}

/**
 * Where a spend query reads: spend_daily_dim (one dimension summed, a few rows per
 * day) when the query groups and filters on one dimension only, spend_daily (every
 * dimension) when it filters on another one too. Both hold the same sums.
 */
export function spendSource(q: SpendQuery): Source {
  const params: unknown[] = [q.from, q.to, q.kind];
  const where = ['day BETWEEN $1 AND $2', 'kind = $3'];
  const filters: Array<[SpendGroupBy, string[] | undefined]> = [
    ['bucket', q.bucket],
    ['model', q.model],
    ['team', q.team],
  ];
  const active = filters.filter(([, v]) => v !== undefined && v.length > 0) as Array<[SpendGroupBy, string[]]>;
  if (active.every(([dim]) => dim === q.groupBy)) {
    params.push(q.groupBy);
    where.push(`dim = $${params.length}`);
    for (const [, values] of active) {
      params.push(values);
      where.push(`value = ANY($${params.length}::text[])`);
    }
    return { table: 'spend_daily_dim', group: 'value', where, params };
  }
  for (const [dim, values] of active) {
    params.push(values);
    where.push(`${dim} = ANY($${params.length}::text[])`);
  }
  return { table: 'spend_daily', group: q.groupBy, where, params };
}

const SUMS = `sum(requests)::bigint AS requests, sum(errors)::bigint AS errors,
  sum(prompt_tokens)::bigint AS prompt_tokens, sum(completion_tokens)::bigint AS completion_tokens,
  sum(cached_tokens)::bigint AS cached_tokens, sum(cache_hits)::bigint AS cache_hits,
  sum(unpriced_requests)::bigint AS unpriced_requests,
  sum(cost_usd)::text AS cost_usd, sum(baseline_cost_usd)::text AS baseline_cost_usd, sum(cache_saved_usd)::text AS cache_saved_usd`;

/** Spend time series from the rollups (never from raw events): money summed as NUMERIC, totalled as bigint picodollars. */
@Injectable()
export class SpendService {
  constructor(private readonly dataSource: DataSource) {}

  async query(q: SpendQuery): Promise<SpendResponse> {
    checkRange(q.from, q.to);
    const src = spendSource(q);
    const sql = `SELECT ${periodSql(q.granularity)} AS period, ${src.group} AS grp, ${SUMS}
      FROM ${src.table} WHERE ${src.where.join(' AND ')}
      GROUP BY 1, 2 ORDER BY 1, 2`;
    const rows = await this.read<SpendRow>(sql, src.params, src.table === 'spend_daily');

    const totals = new TotalsAccumulator();
    const groups = new Map<string, TotalsAccumulator>();
    const series = rows.map((r) => {
      const p = toPoint(r);
      totals.add(p);
      let g = groups.get(p.group);
      if (!g) groups.set(p.group, (g = new TotalsAccumulator()));
      g.add(p);
      const { unpricedRequests: _omit, ...point } = p;
      return point;
    });
    const groupTotals = [...groups.entries()]
      .sort(([a, x], [b, y]) => (y.cost > x.cost ? 1 : y.cost < x.cost ? -1 : a < b ? -1 : 1))
      .map(([group, acc]) => ({ group, ...acc.totals() }));
    return { query: q, series, groups: groupTotals, totals: totals.totals() };
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
