import type { Permission } from '../lib/permissions';

export interface NavItem {
  to: string;
  label: string;
  /** The page is listed only for roles with this permission. */
  permission: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/spend', label: 'Spend', permission: 'spend:read' },
  { to: '/routing', label: 'Routing', permission: 'policies:read' },
  { to: '/catalog', label: 'Catalog', permission: 'catalog:read' },
  { to: '/fleet', label: 'Fleet', permission: 'fleet:read' },
  { to: '/performance', label: 'Performance', permission: 'performance:read' },
  { to: '/keys', label: 'Keys & teams', permission: 'budgets:read' },
  { to: '/review', label: 'Review', permission: 'reviews:read' },
];
