import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';

/**
 * CORS opens the API to the configured dashboard origin only, and every response —
 * API JSON, errors, the dashboard's page, its assets and client-side routes, the API
 * docs — carries the security headers.
 */
const DASHBOARD = 'https://dash.example.com';
const OTHER = 'https://evil.example.net';

const SECURITY_HEADERS: Record<string, RegExp> = {
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^no-referrer$/,
  'content-security-policy': /frame-ancestors 'none'/,
};

function preflight(url: string, origin: string) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,content-type' },
  });
}

describe('security: CORS and security headers', () => {
  let cp: ControlPlaneHarness;
  let plain: ControlPlaneHarness;
  let dashboardDir: string;
  beforeAll(async () => {
    dashboardDir = mkdtempSync(join(tmpdir(), 'sy-dash-'));
    mkdirSync(join(dashboardDir, 'assets'));
    writeFileSync(join(dashboardDir, 'index.html'), '<!doctype html><title>Switchyard</title><div id="root"></div>');
    writeFileSync(join(dashboardDir, 'assets', 'app.js'), 'console.log(1)');
    cp = await startControlPlane({ config: { corsOrigin: DASHBOARD, dashboardDir } });
    plain = await startControlPlane({ config: { dashboardDir } });
  }, 120_000);
  afterAll(async () => {
    await cp?.close();
    await plain?.close();
    rmSync(dashboardDir, { recursive: true, force: true });
  });

  it('answers a preflight from the dashboard origin, and nobody else', async () => {
    const ok = await preflight(`${cp.api}/policies/drafts/x`, DASHBOARD);
    expect(ok.status).toBeLessThan(300);
    expect(ok.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(ok.headers.get('access-control-allow-methods') ?? '').toMatch(/PUT/);
    expect((ok.headers.get('access-control-allow-headers') ?? '').toLowerCase()).toMatch(/authorization/);

    const other = await preflight(`${cp.api}/policies/drafts/x`, OTHER);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    // A real request from another origin gets its answer, but no header letting its page read it.
    const get = await fetch(`${cp.api}/policies/live`, { headers: { origin: OTHER, authorization: `Bearer ${cp.adminToken}` } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const fromDashboard = await fetch(`${cp.api}/policies/live`, { headers: { origin: DASHBOARD, authorization: `Bearer ${cp.adminToken}` } });
    expect(fromDashboard.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
  });

  it('without CORS_ORIGIN allows no cross-origin caller at all (the dashboard is served same-origin)', async () => {
    for (const origin of [DASHBOARD, OTHER, 'null']) {
      const r = await preflight(`${plain.api}/policies/live`, origin);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      const g = await fetch(`${plain.api}/health`, { headers: { origin } });
      expect(g.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('puts the security headers on API answers, API errors, the dashboard, its assets and routes, and the docs', async () => {
    const targets: Array<[string, RequestInit, number]> = [
      [`${cp.api}/health`, {}, 200],
      [`${cp.api}/policies/live`, {}, 401],
      [`${cp.api}/policies/live`, { headers: { authorization: `Bearer ${cp.adminToken}` } }, 200],
      [`${cp.api}/no/such/route`, {}, 404],
      [`${cp.api}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' }, 400],
      [`${cp.url}/`, {}, 200],
      [`${cp.url}/assets/app.js`, {}, 200],
      [`${cp.url}/spend/by-team`, {}, 200],
      [`${cp.url}/api/docs`, {}, 200],
    ];
    const missing: string[] = [];
    for (const [url, init, status] of targets) {
      const r = await fetch(url, init);
      await r.arrayBuffer();
      if (r.status !== status) missing.push(`${url}: status ${r.status}, expected ${status}`);
      for (const [name, re] of Object.entries(SECURITY_HEADERS)) if (!re.test(r.headers.get(name) ?? '')) missing.push(`${url}: ${name} = ${r.headers.get(name)}`);
      if (r.headers.get('x-powered-by')) missing.push(`${url}: x-powered-by = ${r.headers.get('x-powered-by')}`);
    }
    expect(missing).toEqual([]);
  });
});
