import { randomUUID } from 'node:crypto';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';

/** Routes a reviewer may use (issue 9): the review loop and who-am-I, plus the public ones. */
const ALLOWED = new Set(['GET /api/v1/reviews/next', 'POST /api/v1/reviews/{pairId}/judgement', 'GET /api/v1/auth/me', 'POST /api/v1/auth/login', 'GET /api/v1/health']);

describe('reviewer role: the review loop and nothing else', () => {
  let cp: ControlPlaneHarness;
  let reviewer: { token: string };
  beforeAll(async () => {
    cp = await startControlPlane();
    reviewer = await cp.createUser('reviewer');
  });
  afterAll(async () => {
    await cp?.close();
  });

  it('can see who it is, fetch a pair and judge', async () => {
    expect((await cp.request('GET', '/auth/me', undefined, reviewer.token)).body).toMatchObject({ role: 'reviewer' });
    expect((await cp.request('GET', '/reviews/next', undefined, reviewer.token)).status).toBe(200);
  });

  it('gets 403 from every other route the API documents', async () => {
    // Every route comes from the OpenAPI document, so routes added later are covered too.
    const doc = (await (await fetch(`${cp.url}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const routes: Array<[string, string]> = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const key = `${method.toUpperCase()} ${path}`;
        if (!ALLOWED.has(key)) routes.push([method.toUpperCase(), path]);
      }
    }
    expect(routes.length).toBeGreaterThan(10);
    expect(routes).toEqual(expect.arrayContaining([['POST', '/api/v1/reviews/import'], ['GET', '/api/v1/reviews/results'], ['POST', '/api/v1/proxy/review-pairs']]));
    const allowedThrough: string[] = [];
    for (const [method, path] of routes) {
      const url = path.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, () => randomUUID());
      const r = await cp.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {}, reviewer.token);
      if (r.status !== 403) allowedThrough.push(`${method} ${path} → ${r.status}`);
    }
    expect(allowedThrough).toEqual([]);
  });
});
