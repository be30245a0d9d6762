import { Navigate } from 'react-router';
import { can } from '../lib/permissions';
import { EmptyState } from '../components/ui/states';
import { useRole } from './auth/auth-context';
import { NAV_ITEMS } from './nav-items';

/** `/` opens the first page the role may see: Spend for admins and finance, Routing for viewers. */
export function HomeRedirect() {
  const role = useRole();
  const first = NAV_ITEMS.find((item) => can(role, item.permission));
  if (!first) return <EmptyState>Your role ({role}) has no dashboard pages. Ask an admin for access.</EmptyState>;
  return <Navigate to={first.to} replace />;
}
