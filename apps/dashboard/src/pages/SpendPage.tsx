import { PageHeader } from '../components/ui/PageHeader';
import { LoadingState } from '../components/ui/states';
import { daysBetween, formatDayLong } from '../lib/dates';
import { SpendBreakdown } from '../features/spend/components/SpendBreakdown';
import { SpendChart } from '../features/spend/components/SpendChart';
import { SpendSummaryPanel } from '../features/spend/components/SpendSummaryPanel';
import { SpendToolbar } from '../features/spend/components/SpendToolbar';
import { SpendTotals } from '../features/spend/components/SpendTotals';
import { useSpend } from '../features/spend/hooks/use-spend';
import { useSpendView } from '../features/spend/hooks/use-spend-view';

export default function SpendPage() {
  const [view, setView] = useSpendView();
  const spend = useSpend({ from: view.from, to: view.to, groupBy: view.groupBy });
  return (
    <div className="page">
      <PageHeader title="Spend" description={`${formatDayLong(view.from)} – ${formatDayLong(view.to)} (UTC)`} />
      <SpendToolbar view={view} onChange={setView} />
      {view.problem && <div className="notice notice-warn" role="status">{view.problem}</div>}
      {/* The chart card below shows a failed load (with retry) once, for both. */}
      {spend.data ? <SpendTotals totals={spend.data.totals} days={daysBetween(view.from, view.to)} /> : spend.isPending && <LoadingState height={90} />}
      <SpendChart data={spend.data} loading={spend.isPending} error={spend.isError ? spend.error : null} onRetry={() => void spend.refetch()} groupBy={view.groupBy} />
      <SpendBreakdown data={spend.data} loading={spend.isPending} error={spend.isError ? spend.error : null} onRetry={() => void spend.refetch()} groupBy={view.groupBy} />
      <SpendSummaryPanel />
    </div>
  );
}
