import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { QueryView, errorMessage } from '../../../components/ui/states';
import { formatDateTime } from '../../../lib/dates';
import { useCreateDraft, useDeleteDraft, useDrafts } from '../hooks/use-policies';

/** Admins start a draft from the live version, or carry on with one already started. */
export function DraftPicker({ onOpen }: { onOpen(id: string): void }) {
  const drafts = useDrafts();
  const create = useCreateDraft();
  const remove = useDeleteDraft();
  return (
    <Card
      title="Edit routing"
      description="Changes are made in a draft, checked against the catalog, projected on real usage, then published."
      actions={
        <Button variant="primary" busy={create.isPending} onClick={() => create.mutate(undefined, { onSuccess: (d) => onOpen(d.id) })}>
          New draft from live
        </Button>
      }
    >
      {create.isError && <div className="notice notice-danger" role="alert">Could not start a draft: {errorMessage(create.error)}</div>}
      <QueryView query={drafts} isEmpty={(list) => list.length === 0} empty={<span>No drafts in progress.</span>} height={40}>
        {(list) => (
          <ul className="stack-sm" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Drafts">
            {list.map((d) => (
              <li key={d.id} className="row-between">
                <span>
                  <strong>{d.name}</strong>{' '}
                  <span className="faint">
                    from v{d.baseVersion ?? '—'} · edited by {d.updatedBy} {formatDateTime(d.updatedAt)}
                  </span>
                </span>
                <span className="row">
                  <Button size="sm" onClick={() => onOpen(d.id)}>
                    Open
                  </Button>
                  <Button size="sm" variant="danger" busy={remove.isPending && remove.variables === d.id} onClick={() => remove.mutate(d.id)}>
                    Delete
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Card>
  );
}
