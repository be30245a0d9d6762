import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, createApiClient } from './index';

/** A real HTTP server on a random port that records requests and answers from a table. */
interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}
type Handler = (req: Seen) => { status: number; body?: unknown; type?: string };

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let handler: Handler = () => ({ status: 200, body: {} });

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body };
      seen.push(s);
      const out = handler(s);
      res.statusCode = out.status;
      if (out.body === undefined) return res.end();
      res.setHeader('content-type', out.type ?? 'application/json');
      res.end(typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  handler = () => ({ status: 200, body: {} });
});

describe('createApiClient', () => {
  it('sends the current token on every call and reads it anew each time', async () => {
    let token = 'first';
    const api = createApiClient({ baseUrl, token: () => token });
    handler = () => ({ status: 200, body: { id: 'u1', email: 'a@example.com', role: 'admin' } });
    await expect(api.auth.me()).resolves.toEqual({ id: 'u1', email: 'a@example.com', role: 'admin' });
    token = 'second';
    await api.fleet();
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer first', 'Bearer second']);
  });

  it('posts JSON bodies and encodes model ids as one path segment', async () => {
    const api = createApiClient({ baseUrl, token: 't' });
    await api.models.update('openai/gpt-4o', { enabled: false });
    expect(seen[0]).toMatchObject({ method: 'PATCH', url: '/api/v1/models/openai%2Fgpt-4o' });
    expect(JSON.parse(seen[0].body)).toEqual({ enabled: false });
  });

  it('builds spend queries with comma lists and leaves out empty values', async () => {
    const api = createApiClient({ baseUrl, token: 't' });
    await api.spend.get({ from: '2026-01-01', to: '2026-01-31', groupBy: 'model', bucket: 'bulk,standard' });
    expect(seen[0].url).toBe('/api/v1/spend?from=2026-01-01&to=2026-01-31&groupBy=model&bucket=bulk%2Cstandard');
    expect(api.spend.exportUrl({ from: '2026-01-01', to: '2026-01-02' })).toBe(
      `${baseUrl}/spend/export.csv?from=2026-01-01&to=2026-01-02`,
    );
  });

  it('asks for a diff against a draft', async () => {
    const api = createApiClient({ baseUrl, token: 't' });
    handler = () => ({ status: 200, body: [] });
    await api.policies.diff(3, 'draft:abc');
    expect(seen[0].url).toBe('/api/v1/policies/diff?from=3&to=draft%3Aabc');
  });

  it('calls the rollout routes with the contract bodies', async () => {
    const api = createApiClient({ baseUrl, token: 't' });
    handler = (req) =>
      req.method === 'GET' && req.url.endsWith('/rollouts') ? { status: 200, body: [] } : { status: 201, body: { id: 'r1' } };
    await expect(api.rollouts.list()).resolves.toEqual([]);
    await api.rollouts.get('r/1');
    await expect(api.rollouts.create({ draftId: 'd1', canaryPercent: 10 })).resolves.toEqual({ id: 'r1' });
    await api.rollouts.promote('r1');
    await api.rollouts.abort('r1', 'p95 too high');
    expect(seen.map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual([
      'GET /api/v1/rollouts ',
      'GET /api/v1/rollouts/r%2F1 ',
      'POST /api/v1/rollouts {"draftId":"d1","canaryPercent":10}',
      'POST /api/v1/rollouts/r1/promote {}',
      'POST /api/v1/rollouts/r1/abort {"reason":"p95 too high"}',
    ]);
  });

  it('returns the CSV export as text', async () => {
    const api = createApiClient({ baseUrl, token: 't' });
    handler = () => ({ status: 200, body: 'period,group,costUsd\n2026-01-01,bulk,1.25\n', type: 'text/csv' });
    await expect(api.spend.exportCsv({ from: '2026-01-01', to: '2026-01-01' })).resolves.toContain('bulk,1.25');
  });

  it('turns a 400 into an ApiError with every issue and its path', async () => {
    const api = createApiClient({ baseUrl, token: 't' });
    const issues = [{ path: 'buckets.0.targets', message: 'weights sum to 90; they must sum to exactly 100' }];
    handler = () => ({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'invalid policy', issues } });
    const error = await api.policies.publishDraft('d1', { message: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, message: 'invalid policy', issues });
  });

  it('reports 401s to onUnauthorized', async () => {
    const unauthorized = jest.fn();
    const api = createApiClient({ baseUrl, token: 'expired', onUnauthorized: unauthorized });
    handler = () => ({ status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'token expired' } });
    await expect(api.auth.me()).rejects.toMatchObject({ status: 401, isUnauthorized: true });
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });

  it('keeps a non-JSON error body readable', async () => {
    const api = createApiClient({ baseUrl });
    handler = () => ({ status: 502, body: '<html>bad gateway</html>', type: 'text/html' });
    await expect(api.health()).rejects.toMatchObject({ status: 502, body: '<html>bad gateway</html>' });
  });

  it('answers null for the live policy before the first publish, and undefined for a 204', async () => {
    const api = createApiClient({ baseUrl, token: 't' });
    handler = () => ({ status: 404, body: { statusCode: 404, error: 'Not Found', message: 'nothing published yet' } });
    await expect(api.policies.live()).resolves.toBeNull();
    handler = () => ({ status: 204 });
    await expect(api.keys.revoke('k1')).resolves.toBeUndefined();
    expect(seen[1]).toMatchObject({ method: 'DELETE', url: '/api/v1/keys/k1' });
  });

  it('says so when the control plane cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const api = createApiClient({ baseUrl: `http://127.0.0.1:${port}/api/v1` });
    await expect(api.health()).rejects.toMatchObject({ status: 0, isNetworkError: true });
  });
});
