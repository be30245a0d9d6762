import { QueryView } from '../../../components/ui/states';
import { useSpendSummary } from '../hooks/use-spend';
import { MonthOverview } from './MonthOverview';
import { TopList } from './TopList';

export function SpendSummaryPanel() {
  const summary = useSpendSummary();
  return (
    <QueryView query={summary} height={200}>
      {(s) => (
        <div className="grid-2" style={{ alignItems: 'start' }}>
          <MonthOverview summary={s} />
          <div className="stack">
            <TopList title="Top models" nameLabel="Model" rows={s.topModels.map((m) => ({ name: m.model, costUsd: m.costUsd, requests: m.requests }))} />
            <TopList title="Top teams" nameLabel="Team" rows={s.topTeams.map((t) => ({ name: t.team, costUsd: t.costUsd, requests: t.requests }))} />
          </div>
        </div>
      )}
    </QueryView>
  );
}
