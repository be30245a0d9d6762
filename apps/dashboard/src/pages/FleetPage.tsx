import { PageHeader } from '../components/ui/PageHeader';
import { FleetOverview } from '../features/fleet/components/FleetOverview';
import { RolloutsCard } from '../features/fleet/components/RolloutsCard';

export default function FleetPage() {
  return (
    <div className="page">
      <PageHeader title="Fleet" description="Every proxy, the policy version it runs, and when it last checked in. Refreshes every 5 seconds." />
      <FleetOverview />
      <RolloutsCard />
    </div>
  );
}
