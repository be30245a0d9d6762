import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@switchyard/contracts';

export type Principal =
  | { kind: 'user'; id: string; email: string; role: Role }
  | { kind: 'proxy' };

export interface AuthedRequest {
  principal?: Principal;
}

/** The authenticated caller; for audit entries use `actorName(principal)`. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

export function actorName(p: Principal): string {
  return p.kind === 'user' ? p.email : 'proxy';
}
