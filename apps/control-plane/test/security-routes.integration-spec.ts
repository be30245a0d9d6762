import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ROLES, type Role } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { documentedRoutes, routeKey, routeTable, ruleText, type RouteEntry } from './support/route-table';
import type { AccessRule } from '../src/core/auth/access.decorators';

/**
 * Authorization, generated from the route table: every route the application
 * registered (read from Nest, with the access decorator the guard enforces) is called
 * by every kind of caller, and each gets exactly what the rule says — 401 without a
 * valid token, 403 for a principal the rule does not name, through otherwise. A route
 * with no rule fails this test, and so does a route whose rule differs from docs/api.md.
 */
const root = join(__dirname, '../../..');

type Caller = 'none' | 'garbage' | 'forged' | 'proxy' | Role;
const CALLERS: Caller[] = ['none', 'garbage', 'forged', 'proxy', ...ROLES];

/** What a rule lets a caller get: through (any status but 401/403), or refused with 401 or 403. */
function expected(rule: AccessRule, caller: Caller): 'through' | 401 | 403 {
  if (rule.kind === 'public') return 'through';
  if (caller === 'none' || caller === 'garbage' || caller === 'forged') return 401;
  if (rule.kind === 'proxy') return caller === 'proxy' ? 'through' : 403;
  if (caller === 'proxy') return 403;
  return rule.roles.includes(caller) ? 'through' : 403;
}

/** A concrete URL for a route: ids that exist nowhere, so allowed calls change nothing that matters. */
function concretePath(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => (/version/i.test(name) ? '999999' : name === 'id' && path.includes('/models/') ? 'no%2Fsuch-model' : randomUUID()));
}

/** Status of one call; a streaming answer (SSE) is read only up to its headers. */
async function call(base: string, method: string, path: string, token: string | null): Promise<number> {
  const ac = new AbortController();
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  if (withBody) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: withBody ? '{}' : undefined, signal: ac.signal });
  if ((res.headers.get('content-type') ?? '').includes('text/event-stream')) ac.abort();
  else await res.arrayBuffer();
  return res.status;
}

describe('security: every route × every caller gets what its access rule says', () => {
  let cp: ControlPlaneHarness;
  let routes: RouteEntry[];
  const tokens: Partial<Record<Caller, string | null>> = {};

  beforeAll(async () => {
    cp = await startControlPlane({ config: { seedCatalog: true } });
    routes = routeTable(cp.running.app);
    tokens.none = null;
    tokens.garbage = 'not-a-token';
    // A real session token with one character of its signature changed.
    const t = cp.adminToken;
    tokens.forged = t.slice(0, -2) + (t.at(-2) === 'A' ? 'B' : 'A') + t.at(-1);
    tokens.proxy = cp.proxyToken;
    tokens.admin = cp.adminToken;
    for (const role of ROLES.filter((r) => r !== 'admin')) tokens[role] = (await cp.createUser(role)).token;
  }, 120_000);
  afterAll(async () => {
    await cp?.close();
  });

  it('reads a full route table in which every route has an access rule', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
  });

  it('the route table and the OpenAPI document list the same routes', async () => {
    const doc = (await (await fetch(`${cp.url}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => /^(get|post|put|patch|delete)$/.test(m)).map((m) => routeKey(m, p)));
    expect([...new Set(documented)].sort()).toEqual([...new Set(routes.map((r) => routeKey(r.method, r.path)))].sort());
  });

  it('docs/api.md gives every route the roles its decorator enforces', () => {
    const docs = new Map(documentedRoutes(root).map((d) => [d.key, d]));
    const mismatches: string[] = [];
    for (const r of routes) {
      const key = routeKey(r.method, r.path);
      const d = docs.get(key);
      if (!d) mismatches.push(`${key}: not in docs/api.md (enforced: ${ruleText(r.rule)})`);
      else if (ruleText(d.rule) !== ruleText(r.rule)) mismatches.push(`${key}: docs say ${ruleText(d.rule)}, the route enforces ${ruleText(r.rule)}`);
      docs.delete(key);
    }
    for (const [key] of docs) mismatches.push(`${key}: documented but not served`);
    expect(mismatches).toEqual([]);
  });

  it('answers each of the 8 callers on every route as its rule says (401, 403, or through without a 5xx)', async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const r of routes) {
      if (!r.rule) continue;
      const path = concretePath(r.path);
      for (const caller of CALLERS) {
        const want = expected(r.rule, caller);
        const status = await call(cp.url, r.method, path, tokens[caller] ?? null);
        calls++;
        const ok = want === 'through' ? status !== 401 && status !== 403 && status < 500 : status === want;
        if (!ok) wrong.push(`${r.method} ${r.path} as ${caller}: ${status}, expected ${want === 'through' ? 'through (not 401/403/5xx)' : want}`);
      }
    }
    console.log(`auth matrix: ${routes.length} routes × ${CALLERS.length} callers = ${calls} calls, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
    // The server is still healthy after ~600 mostly refused calls.
    expect((await fetch(`${cp.api}/health`)).status).toBe(200);
  }, 300_000);

  it('login is public and rate-limited: repeated failures get 429 even with the right password', async () => {
    const login = routes.find((r) => r.method === 'POST' && r.path === '/api/v1/auth/login');
    expect(login?.rule).toEqual({ kind: 'public' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await cp.request('POST', '/auth/login', { email: cp.adminEmail, password: `wrong-${i}-password` }, null)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const right = await cp.request('POST', '/auth/login', { email: cp.adminEmail, password: cp.adminPassword }, null);
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ statusCode: 429 });
  });
});
