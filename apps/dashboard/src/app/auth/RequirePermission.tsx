import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/ui/states';
import type { Permission } from '../../lib/permissions';
import { useCan, useRole } from './auth-context';

/** A page opened by URL that the role may not use says so, instead of a wall of 403s. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const allowed = useCan(permission);
  const role = useRole();
  if (allowed) return <>{children}</>;
  return (
    <EmptyState height={320}>
      <strong>This page is not available to the {role} role.</strong>
      <Link to="/">Go to your dashboard</Link>
    </EmptyState>
  );
}
