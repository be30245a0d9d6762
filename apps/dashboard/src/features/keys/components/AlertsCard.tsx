import { Badge } from '../../../components/ui/Badge';
import { Card } from '../../../components/ui/Card';
import { QueryView } from '../../../components/ui/states';
import { formatDateTime, formatMonth } from '../../../lib/dates';
import { formatUsd } from '../../../lib/money';
import { useAlerts } from '../hooks/use-keys';

const WEBHOOK_TONE = { none: 'neutral', pending: 'warn', delivered: 'success', failed: 'danger' } as const;

export function AlertsCard() {
  const alerts = useAlerts();
  return (
    <Card title="Budget alerts" flush>
      <QueryView query={alerts} isEmpty={(l) => l.length === 0} empty="No thresholds crossed." height={56}>
        {(list) => (
          <div className="table-wrap">
            <table className="table" aria-label="Budget alerts">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Team</th>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">Threshold</th>
                  <th scope="col" className="num">Spent then</th>
                  <th scope="col">Webhook</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.id}>
                    <td className="faint">{formatDateTime(a.createdAt)}</td>
                    <td>{a.team ?? 'All teams'}</td>
                    <td>{formatMonth(a.month)}</td>
                    <td className="num">{a.threshold}%</td>
                    <td className="num">{formatUsd(a.spentUsd)}</td>
                    <td><Badge tone={WEBHOOK_TONE[a.webhookStatus]}>{a.webhookStatus}</Badge></td>
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
