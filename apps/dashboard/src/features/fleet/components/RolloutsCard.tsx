import type { Rollout, RolloutDetail } from '@switchyard/contracts';
import { useState } from 'react';
import { useCan } from '../../../app/auth/auth-context';
import { Badge, type Tone } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { Field } from '../../../components/ui/Field';
import { ErrorState, LoadingState, QueryView, errorMessage } from '../../../components/ui/states';
import { formatDateTime } from '../../../lib/dates';
import { useFleet } from '../hooks/use-fleet';
import { useEndRollout, useRollout, useRollouts } from '../hooks/use-rollouts';
import { RolloutMetrics, RolloutVerdictNote } from './RolloutMetrics';
import { VersionSkew } from './VersionSkew';

const STATE_TONE: Record<Rollout['state'], Tone> = { active: 'primary', promoted: 'success', aborted: 'danger', superseded: 'neutral' };

/** Staged rollouts on the Fleet page: the one running (with its verdict), who runs what, and the history. */
export function RolloutsCard() {
  const rollouts = useRollouts();
  const fleet = useFleet();
  const active = rollouts.data?.find((r) => r.state === 'active') ?? null;
  return (
    <Card title="Rollouts" description="Policy versions published to a canary share of the proxies, watched against the rest, then promoted or aborted.">
      <div className="stack">
        <section aria-label="Version skew" className="stack-sm">
          <h3>Version skew</h3>
          {fleet.isPending ? <LoadingState height={40} /> : fleet.isError ? <ErrorState error={fleet.error} onRetry={() => void fleet.refetch()} height={40} /> : <VersionSkew fleet={fleet.data} />}
        </section>
        <QueryView query={rollouts} height={120} isEmpty={(list) => list.length === 0} empty="No staged rollout yet. Start one from the Routing page when publishing a draft.">
          {(list) => (
            <>
              {active ? <ActiveRollout id={active.id} /> : <p className="muted">No rollout is running.</p>}
              <PastRollouts rollouts={list.filter((r) => r.state !== 'active')} />
            </>
          )}
        </QueryView>
      </div>
    </Card>
  );
}

function ActiveRollout({ id }: { id: string }) {
  const detail = useRollout(id);
  return (
    <section aria-label="Active rollout" className="stack-sm">
      <QueryView query={detail} height={160}>
        {(r) => <ActiveRolloutView rollout={r} />}
      </QueryView>
    </section>
  );
}

function ActiveRolloutView({ rollout }: { rollout: RolloutDetail }) {
  const canWrite = useCan('rollouts:write');
  const promote = useEndRollout('promote');
  const abort = useEndRollout('abort');
  const [aborting, setAborting] = useState(false);
  const [reason, setReason] = useState('');
  const failed = promote.error ?? abort.error;
  return (
    <div className="stack-sm">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3 className="row">
          Active: v{rollout.version} to {rollout.canaryPercent}% of proxies <Badge tone={STATE_TONE[rollout.state]}>{rollout.state}</Badge>
        </h3>
        {canWrite && rollout.state === 'active' && (
          <div className="row">
            <Button variant="primary" busy={promote.isPending} disabled={abort.isPending} onClick={() => promote.mutate({ id: rollout.id })}>
              Promote to all proxies
            </Button>
            {!aborting && (
              <Button variant="danger" disabled={promote.isPending} onClick={() => setAborting(true)}>
                Abort
              </Button>
            )}
          </div>
        )}
      </div>
      <p className="muted">
        New v{rollout.version} on the canary, previous v{rollout.baselineVersion} on the rest · started {formatDateTime(rollout.createdAt)} by {rollout.createdBy}
        {rollout.autoAbort ? ' · aborts automatically past a threshold' : ''}
      </p>
      {canWrite && aborting && (
        <div className="row" style={{ alignItems: 'flex-end' }}>
          <Field label="Reason for the abort" hint="Optional; kept with the rollout">
            <input className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <Button variant="danger" busy={abort.isPending} onClick={() => abort.mutate({ id: rollout.id, reason: reason.trim() || undefined })}>
            Abort and restore v{rollout.baselineVersion}
          </Button>
          <Button variant="ghost" onClick={() => setAborting(false)}>
            Cancel
          </Button>
        </div>
      )}
      {failed && (
        <div className="notice notice-danger" role="alert">
          Refused: {errorMessage(failed)}
        </div>
      )}
      <RolloutVerdictNote rollout={rollout} />
      <RolloutMetrics rollout={rollout} />
    </div>
  );
}

function PastRollouts({ rollouts }: { rollouts: Rollout[] }) {
  if (rollouts.length === 0) return null;
  return (
    <section aria-label="Past rollouts" className="stack-sm">
      <h3>Past rollouts</h3>
      <div className="table-wrap">
        <table className="table" aria-label="Past rollouts">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">State</th>
              <th scope="col" className="num">Canary</th>
              <th scope="col">Started</th>
              <th scope="col">Ended</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rollouts.map((r) => (
              <tr key={r.id}>
                <td className="nowrap">
                  v{r.version} <span className="faint">over v{r.baselineVersion}</span>
                </td>
                <td>
                  <Badge tone={STATE_TONE[r.state]}>{r.state}</Badge>
                  {r.restoredVersion !== null && <div className="faint">restored as v{r.restoredVersion}</div>}
                </td>
                <td className="num">{r.canaryPercent}%</td>
                <td title={r.createdBy}>{formatDateTime(r.createdAt)}</td>
                <td>{r.endedAt ? `${formatDateTime(r.endedAt)} by ${r.endedBy ?? '—'}` : '—'}</td>
                <td className="muted">{r.endReason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
