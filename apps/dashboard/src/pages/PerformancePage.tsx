import { PageHeader } from '../components/ui/PageHeader';
import { SegmentedControl } from '../components/ui/SegmentedControl';
import { PerformanceCharts } from '../features/performance/components/PerformanceCharts';
import { usePerformanceView } from '../features/performance/hooks/use-performance-view';

export default function PerformancePage() {
  const [view, setView] = usePerformanceView();
  return (
    <div className="page">
      <PageHeader title="Performance" description="Latency, time to first token, errors and cache hits, per day (UTC)." />
      <div className="card row" style={{ padding: '10px 16px', gap: 16 }}>
        <SegmentedControl
          label="Date range"
          options={[{ value: '7', label: '7 days' }, { value: '30', label: '30 days' }, { value: '90', label: '90 days' }] as const}
          value={view.range}
          onChange={(range) => setView({ range })}
        />
        <span className="row" style={{ gap: 6 }}>
          <span className="field-label">Group by</span>
          <SegmentedControl label="Group by" options={[{ value: 'bucket', label: 'Bucket' }, { value: 'model', label: 'Model' }] as const} value={view.groupBy} onChange={(groupBy) => setView({ groupBy })} />
        </span>
        <span className="row" style={{ gap: 6 }}>
          <span className="field-label">Percentile</span>
          <SegmentedControl label="Percentile" options={[{ value: 'p50', label: 'p50' }, { value: 'p95', label: 'p95' }] as const} value={view.pct} onChange={(pct) => setView({ pct })} />
        </span>
      </div>
      <PerformanceCharts view={view} />
    </div>
  );
}
