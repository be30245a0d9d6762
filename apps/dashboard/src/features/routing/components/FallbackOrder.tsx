import { Button } from '../../../components/ui/Button';
import { FieldError } from '../../../components/ui/Field';
import { AddModelPicker } from './AddModelPicker';
import type { IssueIndex } from '../lib/issues';

/** Models tried in order when the picked target fails; reordered with buttons (keyboard friendly). */
export function FallbackOrder({ bucketIndex, bucketName, fallbacks, modelOptions, issues, onMove, onAdd, onRemove }: {
  bucketIndex: number;
  bucketName: string;
  fallbacks: readonly string[];
  modelOptions: readonly string[];
  issues: IssueIndex;
  onMove(index: number, delta: -1 | 1): void;
  onAdd(model: string): void;
  onRemove(index: number): void;
}) {
  const unused = modelOptions.filter((m) => !fallbacks.includes(m));
  const base = `buckets.${bucketIndex}.fallbacks`;
  return (
    <section className="stack-sm" aria-label={`Fallback order for ${bucketName}`}>
      <h3>Fallback order</h3>
      {fallbacks.length === 0 ? (
        <p className="faint">No fallbacks: a failed request is returned as an error.</p>
      ) : (
        <ol className="stack-sm" style={{ margin: 0, paddingLeft: 20 }}>
          {fallbacks.map((f, i) => (
            <li key={`${f}-${i}`}>
              <div className="row-between">
                <span className="mono">{f}</span>
                <span className="row" style={{ gap: 4 }}>
                  <Button size="sm" className="btn-icon" aria-label={`Move ${f} up`} disabled={i === 0} onClick={() => onMove(i, -1)}>
                    ↑
                  </Button>
                  <Button size="sm" className="btn-icon" aria-label={`Move ${f} down`} disabled={i === fallbacks.length - 1} onClick={() => onMove(i, 1)}>
                    ↓
                  </Button>
                  <Button size="sm" variant="ghost" aria-label={`Remove fallback ${f}`} onClick={() => onRemove(i)}>
                    ✕
                  </Button>
                </span>
              </div>
              <FieldError messages={issues.at(`${base}.${i}`)} />
            </li>
          ))}
        </ol>
      )}
      <FieldError messages={issues.at(base)} />
      {unused.length > 0 && fallbacks.length < 10 && (
        <AddModelPicker models={unused} label={`Add a fallback to ${bucketName}`} placeholder="Add a fallback…" action="Add fallback" onAdd={onAdd} />
      )}
    </section>
  );
}
