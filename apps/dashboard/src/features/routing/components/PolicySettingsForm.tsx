import type { PolicyContentInput } from '@switchyard/contracts';
import { Field } from '../../../components/ui/Field';
import type { IssueIndex } from '../lib/issues';
import { setPolicyField } from '../lib/policy-edits';

/** Policy-wide settings: default bucket, the baseline savings are measured against, the embeddings model. */
export function PolicySettingsForm({ content, chatModels, embeddingModels, issues, onChange }: {
  content: PolicyContentInput;
  chatModels: readonly string[];
  embeddingModels: readonly string[];
  issues: IssueIndex;
  onChange(next: PolicyContentInput): void;
}) {
  const withCurrent = (list: readonly string[], current: string | null | undefined) =>
    current && !list.includes(current) ? [current, ...list] : list;
  return (
    <div className="form-grid" style={{ gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
      <Field label="Default bucket" hint="For requests no rule matches" error={issues.at('defaultBucket')}>
        <select className="select" value={content.defaultBucket} onChange={(e) => onChange(setPolicyField(content, 'defaultBucket', e.target.value))}>
          {withCurrent(content.buckets.map((b) => b.name), content.defaultBucket).map((n) => (
            <option key={n} value={n}>{n}</option>
          ))}
        </select>
      </Field>
      <Field label="Baseline model" hint="Savings are measured against it" error={issues.at('baselineModel')}>
        <select className="select" value={content.baselineModel} onChange={(e) => onChange(setPolicyField(content, 'baselineModel', e.target.value))}>
          {withCurrent(chatModels, content.baselineModel).map((m) => (
            <option key={m} value={m}>{m}</option>
          ))}
        </select>
      </Field>
      <Field label="Embeddings model" hint="For the semantic cache" error={issues.at('embeddingModel')}>
        <select
          className="select"
          value={content.embeddingModel ?? ''}
          onChange={(e) => onChange(setPolicyField(content, 'embeddingModel', e.target.value || null))}
        >
          <option value="">Built-in (local)</option>
          {withCurrent(embeddingModels, content.embeddingModel).map((m) => (
            <option key={m} value={m}>{m}</option>
          ))}
        </select>
      </Field>
    </div>
  );
}
