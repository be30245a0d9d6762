import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';

describe('auth, users, keys, audit, health', () => {
  let cp: ControlPlaneHarness;
  beforeAll(async () => {
    cp = await startControlPlane();
  });
  afterAll(async () => {
    await cp?.close();
  });

  it('reports health of database and queue without a token', async () => {
    const r = await cp.request('GET', '/health', undefined, null);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', database: 'up', queue: 'up' });
  });

  it('logs in and tells who is logged in', async () => {
    const r = await cp.request('GET', '/auth/me');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ email: cp.adminEmail, role: 'admin' });
  });

  it('refuses a wrong password with 401 and no token', async () => {
    const r = await cp.request('POST', '/auth/login', { email: cp.adminEmail, password: 'wrong-password' }, null);
    expect(r.status).toBe(401);
    expect(r.body.token).toBeUndefined();
  });

  it('rejects malformed login input with 400 naming the field', async () => {
    const r = await cp.request('POST', '/auth/login', { email: 'not-an-email' }, null);
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('rate-limits repeated failed logins', async () => {
    const email = 'nobody@test.local';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await cp.request('POST', '/auth/login', { email, password: 'x' }, null)).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('gives 401 without a token, 401 for a bad token, 403 for a wrong role and for the proxy token', async () => {
    expect((await cp.request('GET', '/keys', undefined, null)).status).toBe(401);
    expect((await cp.request('GET', '/keys', undefined, 'garbage.token.here')).status).toBe(401);
    const finance = await cp.createUser('finance');
    expect((await cp.request('GET', '/keys', undefined, finance.token)).status).toBe(403);
    expect((await cp.request('POST', '/keys', { name: 'x', team: 't' }, finance.token)).status).toBe(403);
    expect((await cp.request('GET', '/keys', undefined, cp.proxyToken)).status).toBe(403);
  });

  it('creates an API key shown once, lists it without the key, revokes it, and audits both', async () => {
    const created = await cp.createApiKey('content', 'bulk');
    expect(created.key).toMatch(/^sk-sy-[0-9A-Za-z]{40}$/);
    const list = await cp.request('GET', '/keys');
    const row = list.body.find((k: { id: string }) => k.id === created.id);
    expect(row).toMatchObject({ team: 'content', defaultBucket: 'bulk', revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    expect((await cp.request('DELETE', `/keys/${created.id}`)).status).toBe(204);
    const after = await cp.request('GET', '/keys');
    expect(after.body.find((k: { id: string }) => k.id === created.id).revokedAt).not.toBeNull();
    const audit = await cp.request('GET', '/audit?limit=20');
    const actions = audit.body.filter((a: { target: string }) => a.target === created.id).map((a: { action: string }) => a.action);
    expect(actions.sort()).toEqual(['key.create', 'key.revoke']);
  });

  it('refuses an invalid key request and creates nothing', async () => {
    const before = (await cp.request('GET', '/keys')).body.length;
    const r = await cp.request('POST', '/keys', { name: '', team: '' });
    expect(r.status).toBe(400);
    expect([...new Set(r.body.issues.map((i: { path: string }) => i.path))].sort()).toEqual(['name', 'team']);
    expect((await cp.request('GET', '/keys')).body.length).toBe(before);
  });

  it('serves OpenAPI docs', async () => {
    const r = await fetch(`${cp.url}/api/docs-json`);
    expect(r.status).toBe(200);
    const doc = (await r.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/keys']));
  });
});
