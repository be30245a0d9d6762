import { useCan } from '../app/auth/auth-context';
import { PageHeader } from '../components/ui/PageHeader';
import { AlertsCard } from '../features/keys/components/AlertsCard';
import { BudgetsCard } from '../features/keys/components/BudgetsCard';
import { KeysCard } from '../features/keys/components/KeysCard';

export default function KeysPage() {
  const canManageKeys = useCan('keys:write');
  const canWriteBudgets = useCan('budgets:write');
  return (
    <div className="page">
      <PageHeader title="Keys & teams" description="Who may call the proxies, and how much each team may spend." />
      {canManageKeys && <KeysCard />}
      <BudgetsCard canWrite={canWriteBudgets} />
      <AlertsCard />
    </div>
  );
}
