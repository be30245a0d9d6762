import type { FleetResponse } from '@switchyard/contracts';
import { Badge } from '../../../components/ui/Badge';
import { formatAgo, formatDateTime } from '../../../lib/dates';
import { proxyStatus } from '../lib/proxy-status';

const count = new Intl.NumberFormat('en-US');

export function FleetTable({ fleet, now }: { fleet: FleetResponse; now: number }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Proxies">
        <thead>
          <tr>
            <th scope="col">Proxy</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Applied</th>
            <th scope="col" className="num">Lag</th>
            <th scope="col">Last heartbeat</th>
            <th scope="col" className="num">Spooled events</th>
            <th scope="col">Labels</th>
          </tr>
        </thead>
        <tbody>
          {fleet.proxies.map((p) => {
            const status = proxyStatus(p);
            return (
              <tr key={p.proxyId} className={status.row || undefined}>
                <td className="nowrap">
                  <strong>{p.name}</strong>
                  <div className="faint mono">{p.proxyId}</div>
                </td>
                <td>
                  <Badge tone={status.tone}>{status.label}</Badge>
                  {p.rejectReason && <div className="field-error" style={{ maxWidth: 320 }}>{p.rejectReason}</div>}
                </td>
                <td className="num">{p.appliedVersion === null ? '—' : `v${p.appliedVersion}`}</td>
                <td className="num">{p.lag === 0 ? '0' : <strong className="bad">{p.lag} behind</strong>}</td>
                <td title={formatDateTime(p.lastHeartbeatAt)}>{formatAgo(p.lastHeartbeatAt, now)}</td>
                <td className="num">{count.format(p.spooledEvents)}</td>
                <td>
                  <span className="row" style={{ gap: 4 }}>
                    {Object.entries(p.labels).map(([k, v]) => (
                      <Badge key={k}>{`${k}=${v}`}</Badge>
                    ))}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
