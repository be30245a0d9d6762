import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@switchyard/testing';
import { startControlPlane as boot, type RunningControlPlane } from '../../src/core/bootstrap';
import { parseConfig, type AppConfig } from '../../src/core/config/config';

export interface ControlPlaneHarness {
  /** http://127.0.0.1:port (no API prefix). */
  url: string;
  api: string;
  adminEmail: string;
  adminPassword: string;
  adminToken: string;
  proxyToken: string;
  databaseUrl: string;
  running: RunningControlPlane;
  /** fetch against /api/v1 with a token (admin by default); parses JSON. */
  request<T = any>(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: T; headers: Headers }>;
  login(email: string, password: string): Promise<string>;
  createUser(role: 'admin' | 'finance' | 'viewer' | 'reviewer'): Promise<{ email: string; password: string; token: string }>;
  createApiKey(team: string, defaultBucket?: string | null): Promise<{ id: string; key: string }>;
  /** Creates a draft with this content and publishes it; returns the new version number. */
  publish(content: unknown, message?: string): Promise<number>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Reuse a database (e.g. a second replica on the same database); default: a fresh one. */
  databaseUrl?: string;
  redisUrl?: string | null;
  proxyToken?: string;
  authSecret?: string;
  config?: Partial<AppConfig>;
}

/**
 * A real control plane on a random port over a fresh database (real Postgres when
 * DATABASE_URL is set, PGlite otherwise) — for integration tests of every app.
 */
export async function startControlPlane(options: HarnessOptions = {}): Promise<ControlPlaneHarness> {
  let db: TestDatabase | null = null;
  let databaseUrl = options.databaseUrl;
  let singleConnection = false;
  if (!databaseUrl) {
    db = await createTestDatabase();
    databaseUrl = db.url;
    singleConnection = db.embedded;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sy-cp-'));
  // A second replica on the same database must log in as the admin the first one created.
  const adminEmail = options.config?.admin?.email ?? 'admin@test.local';
  const adminPassword = options.config?.admin?.password ?? `pw-${randomBytes(12).toString('hex')}`;
  const proxyToken = options.proxyToken ?? `ptk-${randomBytes(18).toString('hex')}`;
  const config = parseConfig(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      databaseUrl,
      redisUrl: options.redisUrl ?? null,
      dataDir,
      admin: { email: adminEmail, password: adminPassword },
      proxyToken,
      authSecret: options.authSecret ?? 'test-secret-'.padEnd(48, 'x'),
      swagger: true,
      logLevel: 'error',
      singleConnection,
      // Replicas of one database share queues; test files sharing one Redis never run
      // each other's jobs against the wrong database.
      queuePrefix: `sy-test-${createHash('sha256').update(databaseUrl).digest('hex').slice(0, 12)}`,
      ...options.config,
    },
  );
  const running = await boot(config);
  const api = `${running.url}/api/v1`;

  const request: ControlPlaneHarness['request'] = async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    const auth = token === undefined ? h.adminToken : token;
    if (auth) headers.authorization = `Bearer ${auth}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${api}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* non-JSON bodies (CSV, SSE) come back as text */
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  };

  const login = async (email: string, password: string) => {
    const r = await request('POST', '/auth/login', { email, password }, null);
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return (r.body as { token: string }).token;
  };

  const h: ControlPlaneHarness = {
    url: running.url,
    api,
    adminEmail,
    adminPassword,
    adminToken: '',
    proxyToken,
    databaseUrl,
    running,
    request,
    login,
    async createUser(role) {
      const email = `${role}-${randomBytes(4).toString('hex')}@test.local`;
      const password = `pw-${randomBytes(12).toString('hex')}`;
      const r = await request('POST', '/users', { email, password, role });
      if (r.status !== 201) throw new Error(`create user failed: ${r.status} ${JSON.stringify(r.body)}`);
      return { email, password, token: await login(email, password) };
    },
    async createApiKey(team, defaultBucket = null) {
      const r = await request('POST', '/keys', { name: `${team} key`, team, defaultBucket });
      if (r.status !== 201) throw new Error(`create key failed: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { id: string; key: string };
    },
    async publish(content, message = 'test publish') {
      const d = await request('POST', '/policies/drafts', { content });
      if (d.status !== 201) throw new Error(`create draft failed: ${d.status} ${JSON.stringify(d.body)}`);
      const p = await request('POST', `/policies/drafts/${(d.body as { id: string }).id}/publish`, { message });
      if (p.status !== 201 && p.status !== 200) throw new Error(`publish failed: ${p.status} ${JSON.stringify(p.body)}`);
      return (p.body as { version: number }).version;
    },
    async close() {
      await running.close();
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  h.adminToken = await login(adminEmail, adminPassword);
  return h;
}
