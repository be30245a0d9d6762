import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { spawnEmbeddedPostgres } from '@switchyard/embedded-postgres';
import { testConfig } from './test-config';

export interface TestDatabase {
  url: string;
  /** True on embedded PGlite: clients must use a single connection. */
  embedded: boolean;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a new database on the real server when
 * DATABASE_URL is set (dropped afterwards), otherwise an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!testConfig.databaseUrl) {
    const pg = await spawnEmbeddedPostgres();
    return { url: pg.url, embedded: true, drop: () => pg.close() };
  }
  return { ...(await createDatabaseOn(testConfig.databaseUrl, 'sy_test')), embedded: false };
}

/** A new, empty database on the server of `serverUrl` (tests, benchmarks); `drop()` removes it. */
export async function createDatabaseOn(serverUrl: string, prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
