import type { PolicyContentInput } from '@switchyard/contracts';
import { Card } from '../../../components/ui/Card';
import { Stat } from '../../../components/ui/Stat';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { formatDay } from '../../../lib/dates';
import { formatUsd, signOf } from '../../../lib/money';
import { useWhatIf } from '../hooks/use-what-if';

/** Projected monthly cost of the draft against what the current traffic actually cost. */
export function WhatIfPanel({ content, valid }: { content: PolicyContentInput; valid: boolean }) {
  const whatIf = useWhatIf(content, valid);
  const data = whatIf.data;
  const delta = data ? signOf(data.deltaMonthlyUsd) : 0;
  return (
    <Card
      title="What if"
      description={`Projected on real usage, ${formatDay(whatIf.from)} – ${formatDay(whatIf.to)}`}
      actions={valid && (whatIf.pending || whatIf.isFetching) ? <span className="faint" role="status">Updating…</span> : undefined}
    >
      {!valid ? (
        <p className="muted">Fix the problems in the draft to see its projected cost.</p>
      ) : whatIf.isError && !data ? (
        <ErrorState error={whatIf.error} onRetry={() => void whatIf.refetch()} height={120} />
      ) : !data ? (
        <LoadingState label="Projecting cost…" height={120} />
      ) : (
        <div className="stack" aria-live="polite" aria-label="Projection">
          <div className="grid-2">
            <Stat label="Current / month" value={formatUsd(data.actualMonthlyUsd)} />
            <Stat label="Projected / month" value={<span data-testid="projected-monthly">{formatUsd(data.projectedMonthlyUsd)}</span>} />
          </div>
          <Stat
            label="Change / month"
            value={<span data-testid="delta-monthly">{formatUsd(data.deltaMonthlyUsd, { signed: true })}</span>}
            tone={delta < 0 ? 'good' : delta > 0 ? 'bad' : undefined}
            sub={delta < 0 ? 'This draft saves money' : delta > 0 ? 'This draft costs more' : 'No change in cost'}
          />
          {data.buckets.length > 0 && (
            <table className="table" aria-label="Projection by bucket">
              <thead>
                <tr>
                  <th scope="col">Bucket</th>
                  <th scope="col" className="num">Now</th>
                  <th scope="col" className="num">Projected</th>
                </tr>
              </thead>
              <tbody>
                {data.buckets.map((b) => (
                  <tr key={b.bucket}>
                    <td>{b.bucket}</td>
                    <td className="num">{formatUsd(b.actualMonthlyUsd)}</td>
                    <td className="num">{formatUsd(b.projectedMonthlyUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <details className="faint" style={{ fontSize: 12 }}>
            <summary>How this is projected</summary>
            <p style={{ marginTop: 4 }}>{data.method}</p>
          </details>
          {whatIf.isError && <p className="field-error" role="alert">The latest projection failed; showing the previous one.</p>}
        </div>
      )}
    </Card>
  );
}
