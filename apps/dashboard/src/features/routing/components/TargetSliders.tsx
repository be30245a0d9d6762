import type { RouteTarget } from '@switchyard/contracts';
import { useId } from 'react';
import { seriesColor } from '../../../components/charts/palette';
import { Button } from '../../../components/ui/Button';
import { FieldError } from '../../../components/ui/Field';
import { AddModelPicker } from './AddModelPicker';
import type { IssueIndex } from '../lib/issues';
import { WeightInput } from './WeightInput';

export interface TargetSlidersProps {
  /** Index of the bucket in the policy, for issue paths. */
  bucketIndex: number;
  bucketName: string;
  targets: readonly RouteTarget[];
  /** Chat models that may be picked (enabled ones). */
  modelOptions: readonly string[];
  issues: IssueIndex;
  onWeight(target: number, value: number): void;
  onModel(target: number, model: string): void;
  onAdd(model: string): void;
  onRemove(target: number): void;
}

/**
 * One slider and one exact number box per target. Moving either rebalances the other
 * targets proportionally (see rebalance.ts), so the weights always sum to 100.
 */
export function TargetSliders({ bucketIndex, bucketName, targets, modelOptions, issues, onWeight, onModel, onAdd, onRemove }: TargetSlidersProps) {
  const id = useId();
  const base = `buckets.${bucketIndex}.targets`;
  const groupErrors = issues.at(base);
  const unused = modelOptions.filter((m) => !targets.some((t) => t.model === m));
  const total = targets.reduce((s, t) => s + t.weight, 0);

  return (
    <fieldset className="stack-sm" style={{ border: 0, padding: 0, margin: 0 }} aria-describedby={groupErrors.length ? `${id}-sum` : undefined}>
      <legend className="row-between" style={{ width: '100%', marginBottom: 8 }}>
        <h3>Traffic split</h3>
      </legend>
      <div className="row-between faint" style={{ fontSize: 12.5 }}>
        <span>Drag a slider or type a percent; the other targets rebalance to keep 100%.</span>
        <span className={total === 100 ? 'num' : 'num bad'} aria-live="polite">
          Total {total}%
        </span>
      </div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} className="stack-sm">
        {targets.map((t, j) => {
          const modelErrors = issues.at(`${base}.${j}.model`);
          const weightErrors = issues.at(`${base}.${j}.weight`);
          const options = modelOptions.includes(t.model) ? modelOptions : [t.model, ...modelOptions];
          return (
            <li key={j} className="target-row">
              <span className="swatch" style={{ background: seriesColor(j) }} aria-hidden="true" />
              <div className="field" style={{ minWidth: 0 }}>
                <select
                  className="select"
                  value={t.model}
                  aria-label={`Model of target ${j + 1} in ${bucketName}`}
                  aria-invalid={modelErrors.length > 0 || undefined}
                  aria-describedby={modelErrors.length ? `${id}-m${j}` : undefined}
                  onChange={(e) => onModel(j, e.target.value)}
                >
                  {options.map((m) => (
                    <option key={m} value={m} disabled={m !== t.model && targets.some((o) => o.model === m)}>
                      {m}
                    </option>
                  ))}
                </select>
                <FieldError id={`${id}-m${j}`} messages={modelErrors} />
              </div>
              <input
                type="range"
                className="slider"
                min={0}
                max={100}
                step={1}
                value={t.weight}
                disabled={targets.length === 1}
                aria-label={`Traffic share for ${t.model}`}
                aria-valuetext={`${t.weight}% of ${bucketName} traffic`}
                onChange={(e) => onWeight(j, Number(e.target.value))}
                style={{ accentColor: seriesColor(j) }}
              />
              <span className="row" style={{ gap: 4 }}>
                <WeightInput
                  value={t.weight}
                  label={`Percent for ${t.model}`}
                  disabled={targets.length === 1}
                  invalid={weightErrors.length > 0}
                  onChange={(v) => onWeight(j, v)}
                />
                <span className="faint">%</span>
              </span>
              <Button size="sm" variant="ghost" aria-label={`Remove ${t.model}`} disabled={targets.length === 1} onClick={() => onRemove(j)}>
                ✕
              </Button>
              {weightErrors.length > 0 && <FieldError messages={weightErrors} />}
            </li>
          );
        })}
      </ul>
      <FieldError id={`${id}-sum`} messages={groupErrors} />
      {unused.length > 0 && targets.length < 20 && (
        <AddModelPicker models={unused} label={`Add a target to ${bucketName}`} placeholder="Add a model…" action="Add target" onAdd={onAdd} />
      )}
    </fieldset>
  );
}
