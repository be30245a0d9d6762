import { canonicalJson, validatePolicy, type CatalogEntry, type CatalogModel, type PolicyContentInput, type PolicyDraft } from '@switchyard/contracts';
import { useEffect, useMemo, useState } from 'react';
import { Badge } from '../../../components/ui/Badge';
import { Card } from '../../../components/ui/Card';
import { errorMessage } from '../../../components/ui/states';
import { useSaveDraft } from '../hooks/use-policies';
import { IssueIndex } from '../lib/issues';
import { BucketEditor } from './BucketEditor';
import { IssueSummary } from './IssueSummary';
import { PolicySettingsForm } from './PolicySettingsForm';
import { PublishPanel } from './PublishPanel';
import { WhatIfPanel } from './WhatIfPanel';

export interface DraftEditorProps {
  draft: PolicyDraft;
  models: readonly CatalogModel[];
  liveVersion: number | null;
  bucket: string | null;
  onBucket(name: string): void;
  onPublished(version: number): void;
  onDiscard(): void;
}

/**
 * The draft being edited lives here, in memory, until saved. Every change is
 * validated at once with the same `validatePolicy` the control plane and proxies
 * use, so the errors shown at the fields are the ones publish would return.
 */
export function DraftEditor({ draft, models, liveVersion, bucket, onBucket, onPublished, onDiscard }: DraftEditorProps) {
  const [content, setContent] = useState<PolicyContentInput>(draft.content);
  const [savedJson, setSavedJson] = useState(() => canonicalJson(draft.content));
  const save = useSaveDraft(draft.id);

  const catalog = useMemo<CatalogEntry[]>(() => models.map((m) => ({ id: m.id, kind: m.kind, enabled: m.enabled })), [models]);
  const chatModels = useMemo(() => models.filter((m) => m.kind === 'chat' && m.enabled).map((m) => m.id), [models]);
  const embeddingModels = useMemo(() => models.filter((m) => m.kind === 'embedding' && m.enabled).map((m) => m.id), [models]);
  const validation = useMemo(() => validatePolicy(content, catalog), [content, catalog]);
  const issues = useMemo(() => new IssueIndex(validation.ok ? [] : validation.issues), [validation]);
  const dirty = useMemo(() => canonicalJson(content) !== savedJson, [content, savedJson]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const buckets = Array.isArray(content.buckets) ? content.buckets : [];
  const names = buckets.map((b) => b.name);
  const selected = Math.max(0, names.indexOf(bucket ?? ''));
  const current = buckets[selected];

  const doSave = async (): Promise<boolean> => {
    try {
      const snapshot = content;
      await save.mutateAsync({ content: snapshot });
      setSavedJson(canonicalJson(snapshot));
      return true;
    } catch {
      return false;
    }
  };

  return (
    <div className="stack">
      <IssueSummary issues={issues} bucketNames={names} onOpenBucket={(i) => names[i] && onBucket(names[i])} />
      {save.isError && <div className="notice notice-danger" role="alert">Saving failed: {errorMessage(save.error)}</div>}
      <div className="grid-main-side">
        <div className="stack">
          <Card title="Policy" description={`Draft “${draft.name}”${draft.baseVersion ? `, started from v${draft.baseVersion}` : ''}`} actions={dirty ? <Badge tone="warn">unsaved changes</Badge> : <Badge tone="success">saved</Badge>}>
            <PolicySettingsForm content={content} chatModels={chatModels} embeddingModels={embeddingModels} issues={issues} onChange={setContent} />
          </Card>
          <section className="card" aria-label="Buckets">
            <div className="tabs" role="tablist" aria-label="Buckets">
              {buckets.map((b, i) => {
                const count = issues.under(`buckets.${i}`).length;
                return (
                  <button
                    key={`${b.name}-${i}`}
                    type="button"
                    role="tab"
                    id={`bucket-tab-${i}`}
                    aria-selected={i === selected}
                    aria-controls="bucket-panel"
                    onClick={() => onBucket(b.name)}
                  >
                    {b.name}
                    {count > 0 && <Badge tone="danger" title={`${count} problems`}>{count}</Badge>}
                  </button>
                );
              })}
            </div>
            <div role="tabpanel" id="bucket-panel" aria-labelledby={`bucket-tab-${selected}`} style={{ paddingTop: 16 }}>
              {current ? (
                <BucketEditor content={content} index={selected} bucket={current} chatModels={chatModels} issues={issues} onChange={setContent} />
              ) : (
                <p className="muted">This draft has no buckets.</p>
              )}
            </div>
          </section>
        </div>
        <div className="stack">
          <WhatIfPanel content={content} valid={validation.ok} />
          <PublishPanel
            draftId={draft.id}
            liveVersion={liveVersion}
            dirty={dirty}
            issueCount={issues.count}
            saving={save.isPending}
            onSave={doSave}
            onPublished={onPublished}
            onDiscard={onDiscard}
          />
        </div>
      </div>
    </div>
  );
}
