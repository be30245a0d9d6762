import type { SpendSummary } from '@switchyard/contracts';
import { Badge } from '../../../components/ui/Badge';
import { Card } from '../../../components/ui/Card';
import { ProgressBar } from '../../../components/ui/ProgressBar';
import { Stat } from '../../../components/ui/Stat';
import { formatMonth } from '../../../lib/dates';
import { formatPercent, formatUsd } from '../../../lib/money';

/** Month to date, the month-end forecast, and each budget's bar. */
export function MonthOverview({ summary }: { summary: SpendSummary }) {
  return (
    <Card title={`This month · ${formatMonth(summary.month)}`}>
      <div className="stack">
        <div className="grid-2">
          <Stat label="Month to date" value={formatUsd(summary.monthToDateUsd)} />
          <Stat label="Forecast at month end" value={formatUsd(summary.forecastMonthEndUsd)} sub={summary.forecastMethod} />
        </div>
        {summary.budgets.length === 0 ? (
          <p className="muted">No budgets set. Admins can add them on the Keys &amp; teams page.</p>
        ) : (
          <ul className="stack-sm" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Budgets">
            {summary.budgets.map((b) => {
              const name = b.budget.team ?? 'All teams';
              return (
                <li key={b.budget.id} className="stack-sm" style={{ gap: 4 }}>
                  <div className="row-between">
                    <span>
                      <strong>{name}</strong> {b.exhausted && <Badge tone="danger">spent</Badge>}
                      {b.budget.hardLimit && <Badge tone="warn" title="Proxies refuse requests once the budget is spent">hard limit</Badge>}
                    </span>
                    <span className="num muted">
                      {formatUsd(b.spentUsd)} of {formatUsd(b.budget.monthlyUsd)} · {formatPercent(b.percent)}
                    </span>
                  </div>
                  <ProgressBar percent={Number(b.percent)} label={`${name} budget used`} />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </Card>
  );
}
