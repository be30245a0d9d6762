import { CACHE_LIMITS, type CacheSettings } from '@switchyard/contracts';
import { Field } from '../../../components/ui/Field';
import type { IssueIndex } from '../lib/issues';

/** What the contract fills in when a draft leaves a cache field out. */
export const CACHE_DEFAULTS: CacheSettings = {
  exact: true,
  semantic: false,
  threshold: 0.92,
  ttlSeconds: 3600,
  maxTemperature: 1,
  allowToolCalls: false,
};

/** Number boxes report every keystroke; an empty or half-typed number is not applied. */
function numberOrSkip(raw: string, apply: (n: number) => void) {
  if (raw.trim() === '') return;
  const n = Number(raw);
  if (Number.isFinite(n)) apply(n);
}

export function CacheSettingsForm({ bucketIndex, bucketName, cache, issues, onChange }: {
  bucketIndex: number;
  bucketName: string;
  cache: Partial<CacheSettings> | undefined;
  issues: IssueIndex;
  onChange(patch: Partial<CacheSettings>): void;
}) {
  const c = { ...CACHE_DEFAULTS, ...cache };
  const at = (field: keyof CacheSettings) => issues.at(`buckets.${bucketIndex}.cache.${field}`);
  return (
    <section className="stack-sm" aria-label={`Cache settings for ${bucketName}`}>
      <h3>Cache</h3>
      <div className="row" style={{ gap: 16 }}>
        <label className="checkbox">
          <input type="checkbox" checked={c.exact} onChange={(e) => onChange({ exact: e.target.checked })} />
          Exact cache
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={c.semantic} onChange={(e) => onChange({ semantic: e.target.checked })} />
          Semantic cache
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={c.allowToolCalls} onChange={(e) => onChange({ allowToolCalls: e.target.checked })} />
          Cache tool calls
        </label>
      </div>
      <div className="form-grid">
        <Field label="Similarity threshold" hint={`${CACHE_LIMITS.threshold.min} to ${CACHE_LIMITS.threshold.max}`} error={at('threshold')}>
          <input
            className="input"
            type="number"
            step={0.01}
            defaultValue={c.threshold}
            key={`threshold-${bucketIndex}`}
            disabled={!c.semantic}
            onChange={(e) => numberOrSkip(e.target.value, (threshold) => onChange({ threshold }))}
          />
        </Field>
        <Field label="Time to live (seconds)" hint="How long an answer is reused" error={at('ttlSeconds')}>
          <input
            className="input"
            type="number"
            step={60}
            defaultValue={c.ttlSeconds}
            key={`ttl-${bucketIndex}`}
            onChange={(e) => numberOrSkip(e.target.value, (ttlSeconds) => onChange({ ttlSeconds }))}
          />
        </Field>
        <Field label="Max temperature" hint="Hotter requests skip the cache" error={at('maxTemperature')}>
          <input
            className="input"
            type="number"
            step={0.1}
            defaultValue={c.maxTemperature}
            key={`temp-${bucketIndex}`}
            onChange={(e) => numberOrSkip(e.target.value, (maxTemperature) => onChange({ maxTemperature }))}
          />
        </Field>
      </div>
    </section>
  );
}
