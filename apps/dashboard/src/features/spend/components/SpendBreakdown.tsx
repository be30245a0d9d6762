import type { SpendGroupBy, SpendResponse } from '@switchyard/contracts';
import { useMemo } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Card } from '../../../components/ui/Card';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { formatRatio, formatUsd, signOf } from '../../../lib/money';
import { sortByCostDesc } from '../lib/sort-by-cost';

const count = new Intl.NumberFormat('en-US');
const GROUP_LABEL: Record<SpendGroupBy, string> = { bucket: 'Bucket', model: 'Model', team: 'Team' };

export interface SpendBreakdownProps {
  data: SpendResponse | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  groupBy: SpendGroupBy;
}

/** One row per group of the current Group-by, with the API's per-group totals (never re-added here). */
export function SpendBreakdown({ data, loading, error, onRetry, groupBy }: SpendBreakdownProps) {
  const label = GROUP_LABEL[groupBy];
  const rows = useMemo(() => (data ? sortByCostDesc(data.groups) : []), [data]);
  let body;
  if (loading) body = <LoadingState label={`Loading breakdown by ${groupBy}…`} height={120} />;
  else if (error) body = <ErrorState error={error} onRetry={onRetry} height={120} />;
  else if (rows.length === 0) body = <EmptyState height={120}>No requests in this range yet.</EmptyState>;
  else
    body = (
      <div className="table-wrap">
        <table className="table" aria-label={`Spend by ${groupBy}`}>
          <thead>
            <tr>
              <th scope="col">{label}</th>
              <th scope="col" className="num">Requests</th>
              <th scope="col" className="num">Cost</th>
              <th scope="col" className="num">Saved vs baseline</th>
              <th scope="col" className="num">Saved %</th>
              <th scope="col" className="num">Cache hit rate</th>
              <th scope="col" className="num">Saved by cache</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => {
              const saving = signOf(g.savingsVsBaselineUsd);
              return (
                <tr key={g.group} className={g.unpricedRequests > 0 ? 'row-warn' : undefined}>
                  <td className="name-cell" title={g.group}>
                    {g.group}{' '}
                    {g.unpricedRequests > 0 && (
                      <Badge tone="warn" title={`${count.format(g.unpricedRequests)} requests used tokens but cost $0: a model price is missing from the catalog`}>
                        unpriced
                      </Badge>
                    )}
                  </td>
                  <td className="num">{count.format(g.requests)}</td>
                  <td className="num">{formatUsd(g.costUsd)}</td>
                  <td className={['num', saving > 0 ? 'good' : saving < 0 ? 'bad' : ''].filter(Boolean).join(' ')}>{formatUsd(g.savingsVsBaselineUsd)}</td>
                  <td className="num">{formatRatio(g.savingsVsBaselinePct)}</td>
                  <td className="num">{formatRatio(g.cacheHitRate)}</td>
                  <td className="num">{formatUsd(g.cacheSavedUsd)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  return (
    <Card title={`Breakdown by ${groupBy}`} description="Totals for the range per group, highest cost first" flush>
      {body}
    </Card>
  );
}
