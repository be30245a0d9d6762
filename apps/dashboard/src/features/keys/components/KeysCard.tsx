import type { CreatedApiKey } from '@switchyard/contracts';
import { useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { QueryView, errorMessage } from '../../../components/ui/states';
import { formatDateTime } from '../../../lib/dates';
import { useLivePolicy } from '../../routing/hooks/use-policies';
import { useApiKeys, useRevokeApiKey } from '../hooks/use-keys';
import { CreatedKeyNotice } from './CreatedKeyNotice';
import { CreateKeyForm } from './CreateKeyForm';

/** Client API keys for the proxies (admins only: the API refuses everyone else). */
export function KeysCard() {
  const live = useLivePolicy();
  const buckets = live.data?.snapshot.policy.buckets.map((b) => b.name) ?? [];
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [mode, setMode] = useState<'list' | 'create'>('list');
  const [created, setCreated] = useState<{ key: CreatedApiKey; name: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  return (
    <Card
      title="API keys"
      description="Applications send these to the proxy. A key belongs to a team and may pin a default bucket."
      flush
      actions={mode === 'list' && !created ? <Button variant="primary" onClick={() => setMode('create')}>Create key</Button> : undefined}
    >
      {mode === 'create' && (
        <CreateKeyForm
          buckets={buckets}
          onCancel={() => setMode('list')}
          onCreated={(key, name) => {
            setCreated({ key, name });
            setMode('list');
          }}
        />
      )}
      {created && <CreatedKeyNotice created={created.key} name={created.name} onDone={() => setCreated(null)} />}
      {revoke.isError && <div className="notice notice-danger" role="alert" style={{ margin: '0 16px 12px' }}>Revoke failed: {errorMessage(revoke.error)}</div>}
      <QueryView query={keys} isEmpty={(l) => l.length === 0} empty="No keys yet. Create one for each application or team." height={100}>
        {(list) => (
          <div className="table-wrap">
            <table className="table" aria-label="API keys">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Team</th>
                  <th scope="col">Default bucket</th>
                  <th scope="col">Key</th>
                  <th scope="col">Created</th>
                  <th scope="col">Status</th>
                  <th scope="col"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {list.map((k) => (
                  <tr key={k.id}>
                    <td><strong>{k.name}</strong></td>
                    <td>{k.team}</td>
                    <td>{k.defaultBucket ?? <span className="faint">—</span>}</td>
                    <td className="mono">{k.prefix}…</td>
                    <td className="faint">{formatDateTime(k.createdAt)}</td>
                    <td>{k.revokedAt ? <Badge tone="danger">revoked</Badge> : <Badge tone="success">active</Badge>}</td>
                    <td className="num">
                      {!k.revokedAt &&
                        (confirming === k.id ? (
                          <span className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
                            <Button size="sm" variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate(k.id, { onSettled: () => setConfirming(null) })}>
                              Confirm revoke
                            </Button>
                            <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>Keep</Button>
                          </span>
                        ) : (
                          <Button size="sm" variant="danger" onClick={() => setConfirming(k.id)}>Revoke</Button>
                        ))}
                    </td>
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
