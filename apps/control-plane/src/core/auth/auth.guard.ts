import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { ACCESS_KEY, type AccessRule } from './access.decorators';
import type { AuthedRequest } from './principal';
import { SessionTokenProvider } from './session-token.provider';

/** Global guard: authenticates the bearer token, then applies the route's access rule. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly proxyTokenHash: Buffer | null;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: SessionTokenProvider,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.proxyTokenHash = config.proxyToken ? sha256(config.proxyToken) : null;
  }

  canActivate(ctx: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (rule?.kind === 'public') return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest & { headers: Record<string, string | undefined> }>();
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new UnauthorizedException('Missing bearer token: send "Authorization: Bearer <token>" (POST /api/v1/auth/login gives one).');

    if (this.isProxyToken(token)) {
      req.principal = { kind: 'proxy' };
      if (rule?.kind === 'proxy') return true;
      throw new ForbiddenException('A proxy token opens only the /proxy endpoints.');
    }
    const claims = this.tokens.get().verify(token);
    if (!claims) throw new UnauthorizedException('Invalid or expired token: log in again.');
    req.principal = { kind: 'user', id: claims.sub, email: claims.email, role: claims.role };
    if (rule?.kind === 'roles' && rule.roles.includes(claims.role)) return true;
    if (rule?.kind === 'proxy') throw new ForbiddenException('This endpoint is for proxies only.');
    throw new ForbiddenException(`Your role (${claims.role}) may not do this.`);
  }

  private isProxyToken(token: string): boolean {
    if (!this.proxyTokenHash) return false;
    return timingSafeEqual(sha256(token), this.proxyTokenHash);
  }
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
