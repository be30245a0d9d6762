import type { SpendGroupBy } from '@switchyard/contracts';
import { SegmentedControl } from '../../../components/ui/SegmentedControl';
import { todayUtc } from '../../../lib/dates';
import type { RangePreset, SpendView } from '../lib/spend-range';
import { ExportCsvLink } from './ExportCsvLink';

const RANGES = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: 'custom', label: 'Custom' },
] as const satisfies ReadonlyArray<{ value: RangePreset; label: string }>;

const GROUPS = [
  { value: 'bucket', label: 'Bucket' },
  { value: 'model', label: 'Model' },
  { value: 'team', label: 'Team' },
] as const satisfies ReadonlyArray<{ value: SpendGroupBy; label: string }>;

export function SpendToolbar({ view, onChange }: {
  view: SpendView;
  onChange: (patch: Partial<Pick<SpendView, 'range' | 'from' | 'to' | 'groupBy'>>) => void;
}) {
  return (
    <div className="card row-between" style={{ padding: '10px 16px' }}>
      <div className="row" style={{ gap: 16 }}>
        <SegmentedControl
          label="Date range"
          options={RANGES}
          value={view.range}
          onChange={(range) => onChange(range === 'custom' ? { range, from: view.from, to: view.to } : { range })}
        />
        {view.range === 'custom' && (
          <div className="row">
            <label className="row" style={{ gap: 6 }}>
              <span className="field-label">From</span>
              <input className="input" type="date" value={view.from} max={view.to} onChange={(e) => e.target.value && onChange({ from: e.target.value })} />
            </label>
            <label className="row" style={{ gap: 6 }}>
              <span className="field-label">To</span>
              <input className="input" type="date" value={view.to} min={view.from} max={todayUtc()} onChange={(e) => e.target.value && onChange({ to: e.target.value })} />
            </label>
          </div>
        )}
        <div className="row" style={{ gap: 6 }}>
          <span className="field-label" id="group-by-label">Group by</span>
          <SegmentedControl label="Group by" options={GROUPS} value={view.groupBy} onChange={(groupBy) => onChange({ groupBy })} />
        </div>
      </div>
      <ExportCsvLink query={{ from: view.from, to: view.to, groupBy: view.groupBy }} />
    </div>
  );
}
