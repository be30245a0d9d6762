import type { Granularity, SpendGroupBy, SpendQuery } from '@switchyard/contracts';
import { validationError } from '../../core/http/zod-validation.pipe';
import { daysInclusive } from '../rollups/days';

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

