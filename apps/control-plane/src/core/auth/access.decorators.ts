import { SetMetadata } from '@nestjs/common';
import type { Role } from '@switchyard/contracts';

/**
 * Every route declares who may call it — a route with no rule is refused (403), so a
 * forgotten decorator can never open a route.
 */
export const ACCESS_KEY = 'switchyard:access';

export type AccessRule = { kind: 'public' } | { kind: 'proxy' } | { kind: 'roles'; roles: Role[] };

export const Public = () => SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies AccessRule);
/** Only the proxy token opens it; user tokens get 403. */
export const ProxyOnly = () => SetMetadata(ACCESS_KEY, { kind: 'proxy' } satisfies AccessRule);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { kind: 'roles', roles } satisfies AccessRule);

/** Shorthands for the common role sets of docs/api.md. */
export const READ_CATALOG: Role[] = ['admin', 'finance', 'viewer'];
export const READ_SPEND: Role[] = ['admin', 'finance'];
