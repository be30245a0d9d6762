import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { ROLES, type Role } from '@switchyard/contracts';
import { ACCESS_KEY, type AccessRule } from '../../src/core/auth/access.decorators';

export interface RouteEntry {
  method: string;
  /** Full path with Nest's `:param` placeholders, e.g. /api/v1/models/:id. */
  path: string;
  /** Controller#handler, to name a route in a failure. */
  handler: string;
  /** The access decorator on the handler (or its controller); null when none decides. */
  rule: AccessRule | null;
}

const join2 = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;

/**
 * Every route the running application registered, read from Nest's own module
 * container (controllers, their paths and handlers) with the access rule the global
 * AuthGuard will apply — the same lookup (handler first, then class) it makes.
 */
export function routeTable(app: INestApplication, prefix = 'api/v1'): RouteEntry[] {
  const out: RouteEntry[] = [];
  const seen = new Set<unknown>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!ctrl || seen.has(ctrl)) continue;
      seen.add(ctrl);
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
      const proto = ctrl.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const fn = proto[name];
        if (name === 'constructor' || typeof fn !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        if (method === undefined) continue;
        const paths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, fn) ?? '');
        const rule = (Reflect.getMetadata(ACCESS_KEY, fn) ?? Reflect.getMetadata(ACCESS_KEY, ctrl) ?? null) as AccessRule | null;
        for (const b of base) {
          for (const p of paths) out.push({ method: RequestMethod[method], path: join2(prefix, b, p), handler: `${ctrl.name}#${name}`, rule });
        }
      }
    }
  }
  return out.sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path)));
}

/** `/api/v1/models/:id` and `/api/v1/models/{id}` → `/api/v1/models/{}` (placeholder names aside). */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/:[A-Za-z_]\w*/g, '{}').replace(/\{[^}]*\}/g, '{}')}`;
}

export interface DocumentedRoute {
  key: string;
  line: string;
  rule: AccessRule;
}

/**
 * The roles column of docs/api.md, as access rules: "public…" → public, "any user" →
 * every role, "admin, finance" → those roles; the proxy-facing table → proxy.
 */
export function documentedRoutes(root: string, prefix = '/api/v1'): DocumentedRoute[] {
  const text = readFileSync(join(root, 'docs/api.md'), 'utf8');
  const out: DocumentedRoute[] = [];
  let proxyTable = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('## ')) proxyTable = /proxy-facing/i.test(line);
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !/^(GET|POST|PUT|PATCH|DELETE)$/.test(cells[1])) continue;
    const path = cells[2].replace(/\?.*$/, '').replace(/`/g, '');
    const roles = cells[cells.length - 2];
    let rule: AccessRule;
    if (proxyTable) rule = { kind: 'proxy' };
    else if (/^public/i.test(roles)) rule = { kind: 'public' };
    else if (/^any user$/i.test(roles)) rule = { kind: 'roles', roles: [...ROLES] };
    else rule = { kind: 'roles', roles: roles.split(',').map((r) => r.trim() as Role) };
    out.push({ key: routeKey(cells[1], `${prefix}${path}`), line: line.trim(), rule });
  }
  return out;
}

/** A rule in a comparable form: "public", "proxy" or the sorted role list. */
export function ruleText(rule: AccessRule | null): string {
  if (!rule) return '(none)';
  return rule.kind === 'roles' ? [...rule.roles].sort().join(',') : rule.kind;
}
