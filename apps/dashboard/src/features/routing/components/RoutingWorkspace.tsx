import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCan } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState, QueryView } from '../../../components/ui/states';
import { formatDateTime } from '../../../lib/dates';
import { useModels } from '../../catalog/hooks/use-catalog';
import { useDeleteDraft, useDraft, useLivePolicy } from '../hooks/use-policies';
import { DraftEditor } from './DraftEditor';
import { DraftPicker } from './DraftPicker';
import { LivePolicyView } from './LivePolicyView';
import { VersionHistory } from './VersionHistory';

/**
 * `/routing` shows the live policy and its history; `/routing?draft=<id>&bucket=<name>`
 * opens a draft in the editor (admins only), so a draft link can be shared.
 */
export function RoutingWorkspace() {
  const [params, setParams] = useSearchParams();
  const canWrite = useCan('policies:write');
  const draftId = canWrite ? params.get('draft') : null;
  const [notice, setNotice] = useState<string | null>(null);
  const live = useLivePolicy();

  const openDraft = (id: string) => {
    setNotice(null);
    setParams({ draft: id });
  };
  const closeDraft = (message?: string) => {
    setNotice(message ?? null);
    setParams({});
  };

  if (draftId) {
    return (
      <div className="page">
        <PageHeader title="Routing · draft" description={<Link to="/routing">← Back to the live policy</Link>} />
        <DraftWorkspace
          draftId={draftId}
          liveVersion={live.data?.version ?? null}
          bucket={params.get('bucket')}
          onBucket={(bucket) => setParams({ draft: draftId, bucket }, { replace: true })}
          onDone={closeDraft}
        />
        <VersionHistory canRollback />
      </div>
    );
  }

  const lv = live.data;
  return (
    <div className="page">
      <PageHeader
        title="Routing"
        description={lv ? `Live: version ${lv.version} by ${lv.author}, ${formatDateTime(lv.publishedAt)} — “${lv.message}”` : 'Which models serve each workload bucket, and in what shares.'}
      />
      {notice && <div className="notice notice-success" role="status">{notice}</div>}
      {canWrite && <DraftPicker onOpen={openDraft} />}
      {live.isPending ? (
        <LoadingState height={220} />
      ) : live.isError ? (
        <ErrorState error={live.error} onRetry={() => void live.refetch()} />
      ) : lv ? (
        <LivePolicyView policy={lv.snapshot.policy} />
      ) : (
        <EmptyState>No policy has been published yet.</EmptyState>
      )}
      <VersionHistory canRollback={canWrite} />
    </div>
  );
}

function DraftWorkspace({ draftId, liveVersion, bucket, onBucket, onDone }: {
  draftId: string;
  liveVersion: number | null;
  bucket: string | null;
  onBucket(name: string): void;
  onDone(message?: string): void;
}) {
  const draft = useDraft(draftId);
  const models = useModels();
  const remove = useDeleteDraft();
  if (draft.isError) return <ErrorState error={draft.error} onRetry={() => void draft.refetch()} />;
  return (
    <QueryView query={models} height={320}>
      {(catalog) =>
        draft.data ? (
          <DraftEditor
            key={draft.data.id}
            draft={draft.data}
            models={catalog}
            liveVersion={liveVersion}
            bucket={bucket}
            onBucket={onBucket}
            onPublished={(version) => {
              // The draft's content now lives in the version; the draft itself has served its purpose.
              remove.mutate(draftId, { onSettled: () => undefined });
              onDone(`Published version ${version}. Proxies pick it up within seconds; watch them on the Fleet page.`);
            }}
            onDiscard={() => remove.mutate(draftId, { onSuccess: () => onDone('Draft discarded.') })}
          />
        ) : (
          <LoadingState height={320} />
        )
      }
    </QueryView>
  );
}
