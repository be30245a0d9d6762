import { isApiError } from '@switchyard/api-client';
import { useState } from 'react';
import { Button } from '../../../components/ui/Button';
import { Card } from '../../../components/ui/Card';
import { Field } from '../../../components/ui/Field';
import { ErrorState, LoadingState, errorMessage } from '../../../components/ui/states';
import { useCan } from '../../../app/auth/auth-context';
import { useDiff, usePublishAsRollout, usePublishDraft } from '../hooks/use-policies';
import { DiffList } from './DiffList';

/**
 * Save, review and publish: the review shows the saved draft's diff against the live
 * version (so what is reviewed is exactly what gets published), then takes a message.
 */
export function PublishPanel({ draftId, liveVersion, dirty, issueCount, saving, onSave, onPublished, onDiscard }: {
  draftId: string;
  liveVersion: number | null;
  dirty: boolean;
  issueCount: number;
  saving: boolean;
  onSave(): Promise<boolean>;
  onPublished(version: number): void;
  onDiscard(): void;
}) {
  const [reviewing, setReviewing] = useState(false);
  const [message, setMessage] = useState('');
  const [messageError, setMessageError] = useState<string | null>(null);
  const diff = useDiff(liveVersion, `draft:${draftId}`, reviewing && !dirty && liveVersion !== null);
  const publishNow = usePublishDraft(draftId);
  const publishStaged = usePublishAsRollout(draftId);
  const canStage = useCan('rollouts:write') && liveVersion !== null;
  const [staged, setStaged] = useState(false);
  const [percent, setPercent] = useState('10');
  const [percentError, setPercentError] = useState<string | null>(null);
  const publish = staged ? publishStaged : publishNow;

  const review = async () => {
    if (dirty && !(await onSave())) return;
    setReviewing(true);
    void diff.refetch();
  };

  const submit = () => {
    if (!message.trim()) {
      setMessageError('Say what changed and why.');
      return;
    }
    setMessageError(null);
    if (!(canStage && staged)) {
      publishNow.mutate(message.trim(), { onSuccess: (v) => onPublished(v.version) });
      return;
    }
    const canaryPercent = Number(percent);
    if (!(percent.trim() !== '' && canaryPercent > 0 && canaryPercent < 100)) {
      setPercentError('A share above 0 and below 100.');
      return;
    }
    setPercentError(null);
    publishStaged.mutate({ message: message.trim(), canaryPercent }, { onSuccess: (r) => onPublished(r.version) });
  };

  const publishIssues = isApiError(publish.error) ? publish.error.issues : [];
  return (
    <Card title="Publish" description={liveVersion === null ? 'Nothing is live yet: this becomes version 1.' : `Live now: version ${liveVersion}`}>
      <div className="stack-sm">
        <div className="row">
          <Button onClick={() => void onSave()} disabled={!dirty} busy={saving}>
            {dirty ? 'Save draft' : 'Saved'}
          </Button>
          {!reviewing && (
            <Button variant="primary" onClick={() => void review()} disabled={issueCount > 0} busy={saving}>
              Review &amp; publish
            </Button>
          )}
          <Button variant="ghost" onClick={onDiscard}>
            Discard draft
          </Button>
        </div>
        {issueCount > 0 && <p className="faint">Fix {issueCount === 1 ? 'the problem' : `the ${issueCount} problems`} above to publish.</p>}
        {reviewing && (
          <div className="stack-sm" style={{ marginTop: 8 }}>
            <h3>Changes against the live version</h3>
            {dirty ? (
              <p className="notice notice-warn">The draft changed since this review started. Save it to review again.</p>
            ) : liveVersion === null ? (
              <p className="muted">First version: everything is new.</p>
            ) : diff.isPending ? (
              <LoadingState label="Loading changes…" height={80} />
            ) : diff.isError ? (
              <ErrorState error={diff.error} onRetry={() => void diff.refetch()} height={80} />
            ) : (
              <DiffList entries={diff.data} emptyText="The draft is identical to the live version." />
            )}
            <Field label="Message" hint="Shown in the version history" error={messageError}>
              <textarea className="textarea" value={message} onChange={(e) => setMessage(e.target.value)} placeholder="e.g. Move 30% of bulk to GLM-4-Plus to cut cost" />
            </Field>
            {canStage && (
              <div className="stack-sm">
                <label className="row">
                  <input type="checkbox" checked={staged} onChange={(e) => setStaged(e.target.checked)} />
                  Publish as a staged rollout to a share of the proxies
                </label>
                {staged && (
                  <Field label="Canary share (% of proxies)" hint="The rest keep the live version until you promote it on the Fleet page" error={percentError}>
                    <input className="input" type="number" min={0.01} max={99.99} step="any" value={percent} onChange={(e) => setPercent(e.target.value)} style={{ maxWidth: 120 }} />
                  </Field>
                )}
              </div>
            )}
            {publish.isError && (
              <div className="notice notice-danger" role="alert">
                Publish refused: {errorMessage(publish.error)}
                {publishIssues.length > 0 && (
                  <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                    {publishIssues.map((i, k) => (
                      <li key={k}>
                        <code>{i.path}</code>: {i.message}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
            <div className="row">
              <Button variant="primary" onClick={submit} busy={publish.isPending} disabled={dirty || issueCount > 0}>
                {canStage && staged ? `Start rollout to ${percent || '?'}% of proxies` : 'Publish version'}
              </Button>
              <Button variant="ghost" onClick={() => setReviewing(false)}>
                Cancel
              </Button>
            </div>
          </div>
        )}
      </div>
    </Card>
  );
}
