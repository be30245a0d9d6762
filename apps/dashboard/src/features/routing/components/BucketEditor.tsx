import type { BucketInput, CacheSettings, PolicyContentInput } from '@switchyard/contracts';
import type { IssueIndex } from '../lib/issues';
import * as edit from '../lib/policy-edits';
import { CacheSettingsForm } from './CacheSettingsForm';
import { FallbackOrder } from './FallbackOrder';
import { ShadowSettingsForm } from './ShadowSettingsForm';
import { TargetSliders } from './TargetSliders';

/** Targets, fallbacks, cache and blind-review sampling of one bucket; every change goes through a pure edit. */
export function BucketEditor({ content, index, bucket, chatModels, issues, onChange }: {
  content: PolicyContentInput;
  index: number;
  bucket: BucketInput;
  chatModels: readonly string[];
  issues: IssueIndex;
  onChange(next: PolicyContentInput): void;
}) {
  return (
    <div className="stack">
      {bucket.description && <p className="muted">{bucket.description}</p>}
      <TargetSliders
        bucketIndex={index}
        bucketName={bucket.name}
        targets={bucket.targets}
        modelOptions={chatModels}
        issues={issues}
        onWeight={(t, v) => onChange(edit.setWeight(content, index, t, v))}
        onModel={(t, m) => onChange(edit.setTargetModel(content, index, t, m))}
        onAdd={(m) => onChange(edit.addTarget(content, index, m))}
        onRemove={(t) => onChange(edit.removeTarget(content, index, t))}
      />
      <div className="grid-2" style={{ alignItems: 'start' }}>
        <FallbackOrder
          bucketIndex={index}
          bucketName={bucket.name}
          fallbacks={bucket.fallbacks ?? []}
          modelOptions={chatModels}
          issues={issues}
          onMove={(i, d) => onChange(edit.moveFallback(content, index, i, d))}
          onAdd={(m) => onChange(edit.addFallback(content, index, m))}
          onRemove={(i) => onChange(edit.removeFallback(content, index, i))}
        />
        <CacheSettingsForm
          bucketIndex={index}
          bucketName={bucket.name}
          cache={bucket.cache as Partial<CacheSettings> | undefined}
          issues={issues}
          onChange={(patch) => onChange(edit.setCache(content, index, patch))}
        />
      </div>
      <ShadowSettingsForm
        bucketIndex={index}
        bucketName={bucket.name}
        shadow={bucket.shadow}
        baselineModel={content.baselineModel}
        chatModels={chatModels}
        issues={issues}
        onChange={(shadow) => onChange(edit.setShadow(content, index, shadow))}
      />
    </div>
  );
}
