import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role } from '@switchyard/contracts';

export interface SessionClaims {
  sub: string;
  email: string;
  role: Role;
  /** Expiry, seconds since epoch. */
  exp: number;
}

/**
 * Compact HS256 JSON Web Tokens. Any replica verifies them with the shared secret, so
 * no session lookup touches the database per request.
 */
export class SessionTokens {
  constructor(private readonly secret: string) {}

  sign(claims: Omit<SessionClaims, 'exp'>, ttlSeconds: number): { token: string; expiresAt: Date } {
    const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
    const header = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64(JSON.stringify({ ...claims, exp }));
    const sig = this.mac(`${header}.${payload}`);
    return { token: `${header}.${payload}.${sig}`, expiresAt: new Date(exp * 1000) };
  }

  /** The claims of a valid, unexpired token; null otherwise. */
  verify(token: string): SessionClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3) return null;
    const expected = Buffer.from(this.mac(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as SessionClaims;
      if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return null;
      return claims;
    } catch {
      return null;
    }
  }

  private mac(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64url');
}
