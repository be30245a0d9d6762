import type { PolicyContent } from '@switchyard/contracts';
import { seriesColor } from '../../../components/charts/palette';
import { Badge } from '../../../components/ui/Badge';
import { Card } from '../../../components/ui/Card';
import { CACHE_DEFAULTS } from './CacheSettingsForm';

/** The live policy, read-only: what finance and viewers see, and admins before they start a draft. */
export function LivePolicyView({ policy }: { policy: PolicyContent }) {
  return (
    <div className="stack">
      <div className="row" style={{ gap: 24 }}>
        <span>Default bucket <strong>{policy.defaultBucket}</strong></span>
        <span>Baseline <span className="mono">{policy.baselineModel}</span></span>
        <span>Embeddings <span className="mono">{policy.embeddingModel ?? 'built-in local embedder'}</span></span>
      </div>
      <div className="grid-policy">
        {policy.buckets.map((raw) => {
          // Snapshots carry parsed content; older or hand-made ones may leave defaults out.
          const b = { ...raw, fallbacks: raw.fallbacks ?? [], cache: { ...CACHE_DEFAULTS, ...raw.cache } };
          return (
          <Card key={b.name} title={<span className="row">{b.name}{b.name === policy.defaultBucket && <Badge tone="primary">default</Badge>}</span>} description={b.description || undefined}>
            <div className="stack-sm">
              <ul aria-label={`Traffic split of ${b.name}`} className="stack-sm" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {b.targets.map((t, i) => (
                  <li key={t.model}>
                    <div className="row-between">
                      <span className="mono">{t.model}</span>
                      <strong className="num">{t.weight}%</strong>
                    </div>
                    <div className="bar" aria-hidden="true">
                      <span style={{ width: `${t.weight}%`, background: seriesColor(i) }} />
                    </div>
                  </li>
                ))}
              </ul>
              <div className="faint" style={{ fontSize: 12.5 }}>
                Fallbacks: {b.fallbacks.length ? b.fallbacks.join(' → ') : 'none'}
              </div>
              <div className="row" style={{ gap: 6 }}>
                <Badge tone={b.cache.exact ? 'success' : 'neutral'}>exact cache {b.cache.exact ? 'on' : 'off'}</Badge>
                <Badge tone={b.cache.semantic ? 'success' : 'neutral'}>
                  semantic {b.cache.semantic ? `≥ ${b.cache.threshold}` : 'off'}
                </Badge>
                <Badge>TTL {b.cache.ttlSeconds}s</Badge>
                {b.shadow && (
                  <Badge tone="success">
                    blind review {formatShare(b.shadow.rate)} vs {b.shadow.model ?? 'baseline'}
                  </Badge>
                )}
              </div>
            </div>
          </Card>
          );
        })}
      </div>
    </div>
  );
}

/** 0.02 → "2%", 0.005 → "0.5%". */
function formatShare(rate: number): string {
  return `${Number((rate * 100).toFixed(2))}%`;
}
