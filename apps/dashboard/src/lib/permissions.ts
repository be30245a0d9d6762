import type { Role } from '@switchyard/contracts';

/**
 * What each role may do, mirroring the roles column of docs/api.md. The API refuses
 * anything else anyway; the dashboard uses this to not render controls a user
 * cannot use (finance and viewers see no edit buttons at all).
 */
const PERMISSIONS = {
  'spend:read': ['admin', 'finance'],
  'performance:read': ['admin', 'finance'],
  'whatif:run': ['admin', 'finance'],
  'catalog:read': ['admin', 'finance', 'viewer'],
  'catalog:write': ['admin'],
  'policies:read': ['admin', 'finance', 'viewer'],
  'policies:write': ['admin'],
  'fleet:read': ['admin', 'finance', 'viewer'],
  'rollouts:write': ['admin'],
  'keys:read': ['admin'],
  'keys:write': ['admin'],
  'budgets:read': ['admin', 'finance'],
  'budgets:write': ['admin'],
  'reviews:read': ['admin', 'finance', 'reviewer'],
  'reviews:judge': ['admin', 'reviewer'],
  'reviews:results': ['admin', 'finance'],
  'reviews:import': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
