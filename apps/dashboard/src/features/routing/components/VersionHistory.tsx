import type { PolicyVersionSummary } from '@switchyard/contracts';
import { Fragment, useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { ErrorState, LoadingState, QueryView, errorMessage } from '../../../components/ui/states';
import { formatDateTime } from '../../../lib/dates';
import { useDiff, useRollback, useVersions } from '../hooks/use-policies';
import { DiffList } from './DiffList';

/** Published versions, newest first; each with its diff against the one before and (for admins) a rollback. */
export function VersionHistory({ canRollback }: { canRollback: boolean }) {
  const versions = useVersions();
  const rollback = useRollback();
  const [open, setOpen] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const rollBackTo = (v: PolicyVersionSummary) =>
    rollback.mutate(v.version, { onSuccess: (created) => setNotice(`Rolled back: version ${created.version} is live with the content of version ${v.version}.`) });

  return (
    <Card title="Version history" description="Every publish is an immutable version; a rollback publishes an earlier one again." flush>
      {notice && <div className="notice notice-success" role="status" style={{ margin: '0 16px 12px' }}>{notice}</div>}
      {rollback.isError && <div className="notice notice-danger" role="alert" style={{ margin: '0 16px 12px' }}>Rollback failed: {errorMessage(rollback.error)}</div>}
      <QueryView query={versions} isEmpty={(list) => list.length === 0} empty="Nothing published yet." height={120}>
        {(list) => (
          <div className="table-wrap">
            <table className="table" aria-label="Policy versions">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Message</th>
                  <th scope="col">Author</th>
                  <th scope="col">Published</th>
                  <th scope="col"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {list.map((v, i) => (
                  <Fragment key={v.version}>
                    <tr>
                      <td className="nowrap">
                        <strong>v{v.version}</strong> {i === 0 && <Badge tone="success">live</Badge>}
                      </td>
                      <td>
                        {v.message}
                        {v.rolledBackFrom !== null && <span className="faint"> (content of v{v.rolledBackFrom})</span>}
                      </td>
                      <td>{v.author}</td>
                      <td className="faint nowrap">{formatDateTime(v.publishedAt)}</td>
                      <td className="num">
                        <span className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
                          {v.version > 1 && (
                            <Button size="sm" variant="ghost" aria-expanded={open === v.version} onClick={() => setOpen(open === v.version ? null : v.version)}>
                              {open === v.version ? 'Hide changes' : 'Changes'}
                            </Button>
                          )}
                          {canRollback && i > 0 && (
                            <Button size="sm" onClick={() => rollBackTo(v)} busy={rollback.isPending && rollback.variables === v.version}>
                              Roll back to v{v.version}
                            </Button>
                          )}
                        </span>
                      </td>
                    </tr>
                    {open === v.version && (
                      <tr className="row-sub">
                        <td colSpan={5}>
                          <VersionDiff version={v.version} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </Card>
  );
}

function VersionDiff({ version }: { version: number }) {
  const diff = useDiff(version - 1, version);
  if (diff.isPending) return <LoadingState label="Loading changes…" height={60} />;
  if (diff.isError) return <ErrorState error={diff.error} onRetry={() => void diff.refetch()} height={60} />;
  return <DiffList entries={diff.data} emptyText={`Same content as v${version - 1}.`} />;
}
