import { Card } from '../../../components/ui/Card';
import { Stat } from '../../../components/ui/Stat';
import { QueryView } from '../../../components/ui/states';
import { useFleet } from '../hooks/use-fleet';
import { FleetTable } from './FleetTable';

export function FleetOverview() {
  const fleet = useFleet();
  return (
    <QueryView query={fleet} height={240}>
      {(data) => {
        const stale = data.proxies.filter((p) => p.stale).length;
        const rejecting = data.proxies.filter((p) => p.rejectedVersion !== null).length;
        const current = data.proxies.filter((p) => p.lag === 0 && p.appliedVersion !== null && !p.stale).length;
        return (
          <div className="stack">
            <div className="grid-4">
              <div className="card"><Stat label="Latest version" value={data.latestVersion === null ? '—' : `v${data.latestVersion}`} /></div>
              <div className="card"><Stat label="Up to date" value={`${current} of ${data.proxies.length}`} /></div>
              <div className="card"><Stat label="Stale" value={stale} tone={stale > 0 ? 'bad' : undefined} sub="No heartbeat lately" /></div>
              <div className="card"><Stat label="Rejecting" value={rejecting} tone={rejecting > 0 ? 'bad' : undefined} sub="Refused a version" /></div>
            </div>
            <Card title="Proxies" flush>
              {data.proxies.length === 0 ? (
                <p className="muted" style={{ padding: 16 }}>No proxy has checked in yet. Start one with <code>npm start</code> or point a proxy at this control plane.</p>
              ) : (
                <FleetTable fleet={data} now={fleet.dataUpdatedAt || Date.now()} />
              )}
            </Card>
          </div>
        );
      }}
    </QueryView>
  );
}
