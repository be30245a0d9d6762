import { useCan } from '../app/auth/auth-context';
import { PageHeader } from '../components/ui/PageHeader';
import { AlertsCard } from '../features/keys/components/AlertsCard';
import { BudgetsCard } from '../features/keys/components/BudgetsCard';
import { KeysCard } from '../features/keys/components/KeysCard';
import { useLivePolicy } from '../features/routing/hooks/use-policies';

export default function KeysPage() {
  const canManageKeys = useCan('keys:write');
  const canWriteBudgets = useCan('budgets:write');
  const live = useLivePolicy();
  const buckets = live.data?.snapshot.policy.buckets.map((b) => b.name) ?? [];
  return (
    <div className="page">
      <PageHeader title="Keys & teams" description="Who may call the proxies, and how much each team may spend." />
      {canManageKeys && <KeysCard buckets={buckets} />}
      <BudgetsCard canWrite={canWriteBudgets} />
      <AlertsCard />
    </div>
  );
}
