import { Card } from '../../../components/ui/Card';
import { formatUsd } from '../../../lib/money';

const count = new Intl.NumberFormat('en-US');

export function TopList({ title, rows, nameLabel }: {
  title: string;
  nameLabel: string;
  rows: Array<{ name: string; costUsd: string; requests: number }>;
}) {
  return (
    <Card title={title} description="Month to date" flush>
      {rows.length === 0 ? (
        <p className="muted" style={{ padding: 16 }}>Nothing yet this month.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{nameLabel}</th>
                <th scope="col" className="num">Requests</th>
                <th scope="col" className="num">Cost</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name}>
                  <td className="name-cell" title={r.name}>{r.name}</td>
                  <td className="num">{count.format(r.requests)}</td>
                  <td className="num">{formatUsd(r.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
