import { SHADOW_RATE_RANGE, type ShadowSettings, type ShadowSettingsInput } from '@switchyard/contracts';
import { Field } from '../../../components/ui/Field';
import type { IssueIndex } from '../lib/issues';
import { NumberField } from './NumberField';

/** What a bucket starts with when sampling is switched on: 2% against the baseline model. */
const SHADOW_START: ShadowSettings = { rate: 0.02, model: null };

/**
 * Blind quality review for one bucket: a share of its successful requests is also sent,
 * after the client has its answer, to a comparison model; reviewers judge the pairs
 * without knowing which model wrote which.
 */
export function ShadowSettingsForm({ bucketIndex, bucketName, shadow, baselineModel, chatModels, issues, onChange }: {
  bucketIndex: number;
  bucketName: string;
  shadow: ShadowSettingsInput | undefined;
  baselineModel: string;
  chatModels: readonly string[];
  issues: IssueIndex;
  onChange(next: ShadowSettings | null): void;
}) {
  const at = (field: keyof ShadowSettings) => issues.at(`buckets.${bucketIndex}.shadow.${field}`);
  const model = shadow?.model ?? null;
  const models = model && !chatModels.includes(model) ? [model, ...chatModels] : chatModels;
  return (
    <section className="stack-sm" aria-label={`Blind review sampling for ${bucketName}`}>
      <h3>Blind review</h3>
      <label className="checkbox">
        <input type="checkbox" checked={shadow !== undefined} onChange={(e) => onChange(e.target.checked ? SHADOW_START : null)} />
        Sample answers for blind review
      </label>
      {shadow && (
        <div className="form-grid">
          <NumberField
            label="Sampling rate"
            hint={`${SHADOW_RATE_RANGE.min} to ${SHADOW_RATE_RANGE.max} of successful requests (0.02 = 2%)`}
            error={at('rate')}
            step={0.01}
            value={shadow.rate}
            fieldKey={`shadow-rate-${bucketIndex}`}
            onNumber={(rate) => onChange({ rate, model })}
          />
          <Field label="Compared with" hint="The second answer of each pair" error={at('model')}>
            <select className="select" value={model ?? ''} onChange={(e) => onChange({ rate: shadow.rate, model: e.target.value || null })}>
              <option value="">Baseline model ({baselineModel})</option>
              {models.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
    </section>
  );
}
