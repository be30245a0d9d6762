import { useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { ProgressBar } from '../../../components/ui/ProgressBar';
import { QueryView, errorMessage } from '../../../components/ui/states';
import { formatPercent, formatUsd } from '../../../lib/money';
import { useBudgetStatus, useDeleteBudget } from '../hooks/use-keys';
import { BudgetForm } from './BudgetForm';

export function BudgetsCard({ canWrite }: { canWrite: boolean }) {
  const status = useBudgetStatus();
  const remove = useDeleteBudget();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title="Team budgets"
      description="Monthly, in USD. Crossing a threshold records an alert (and calls the webhook, if set)."
      flush
      actions={canWrite && !adding ? <Button onClick={() => setAdding(true)}>Set budget</Button> : undefined}
    >
      {adding && <BudgetForm onDone={() => setAdding(false)} />}
      {remove.isError && <div className="notice notice-danger" role="alert" style={{ margin: '0 16px 12px' }}>{errorMessage(remove.error)}</div>}
      <QueryView query={status} isEmpty={(l) => l.length === 0} empty="No budgets set." height={56}>
        {(list) => (
          <div className="table-wrap">
            <table className="table" aria-label="Budgets">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col" className="num">Budget</th>
                  <th scope="col" className="num">Spent</th>
                  <th scope="col" style={{ width: '22%' }}>Used</th>
                  <th scope="col">Alerts at</th>
                  <th scope="col">Limit</th>
                  {canWrite && <th scope="col"><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.budget.id}>
                    <td><strong>{s.budget.team ?? 'All teams'}</strong></td>
                    <td className="num">{formatUsd(s.budget.monthlyUsd)}</td>
                    <td className="num">{formatUsd(s.spentUsd)}</td>
                    <td>
                      <div className="row" style={{ flexWrap: 'nowrap' }}>
                        <div style={{ flex: 1 }}><ProgressBar percent={Number(s.percent)} label={`${s.budget.team ?? 'All teams'} budget used`} /></div>
                        <span className="num faint">{formatPercent(s.percent)}</span>
                      </div>
                    </td>
                    <td>
                      <span className="row" style={{ gap: 4 }}>
                        {s.budget.thresholds.map((t) => (
                          <Badge key={t} tone={s.crossedThresholds.includes(t) ? 'warn' : 'neutral'}>{t}%</Badge>
                        ))}
                      </span>
                    </td>
                    <td>{s.budget.hardLimit ? <Badge tone={s.exhausted ? 'danger' : 'warn'}>{s.exhausted ? 'blocking' : 'hard'}</Badge> : <span className="faint">soft</span>}</td>
                    {canWrite && (
                      <td className="num">
                        <Button size="sm" variant="danger" busy={remove.isPending && remove.variables === s.budget.id} onClick={() => remove.mutate(s.budget.id)}>
                          Remove
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </Card>
  );
}
