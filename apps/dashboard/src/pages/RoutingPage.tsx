import { RoutingWorkspace } from '../features/routing/components/RoutingWorkspace';

export default function RoutingPage() {
  return <RoutingWorkspace />;
}
