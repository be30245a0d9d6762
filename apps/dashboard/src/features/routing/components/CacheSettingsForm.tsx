import { CACHE_LIMITS, type CacheSettings } from '@switchyard/contracts';
import type { IssueIndex } from '../lib/issues';
import { NumberField } from './NumberField';

/** What the contract fills in when a draft leaves a cache field out. */
export const CACHE_DEFAULTS: CacheSettings = {
  exact: true,
  semantic: false,
  threshold: 0.92,
  ttlSeconds: 3600,
  maxTemperature: 1,
  allowToolCalls: false,
};

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
        <NumberField
          label="Similarity threshold"
          hint={`${CACHE_LIMITS.threshold.min} to ${CACHE_LIMITS.threshold.max}`}
          error={at('threshold')}
          step={0.01}
          value={c.threshold}
          fieldKey={`threshold-${bucketIndex}`}
          disabled={!c.semantic}
          onNumber={(threshold) => onChange({ threshold })}
        />
        <NumberField
          label="Time to live (seconds)"
          hint="How long an answer is reused"
          error={at('ttlSeconds')}
          step={60}
          value={c.ttlSeconds}
          fieldKey={`ttl-${bucketIndex}`}
          onNumber={(ttlSeconds) => onChange({ ttlSeconds })}
        />
        <NumberField
          label="Max temperature"
          hint="Hotter requests skip the cache"
          error={at('maxTemperature')}
          step={0.1}
          value={c.maxTemperature}
          fieldKey={`temp-${bucketIndex}`}
          onNumber={(maxTemperature) => onChange({ maxTemperature })}
        />
      </div>
    </section>
  );
}
