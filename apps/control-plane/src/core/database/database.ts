import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@switchyard/migrations';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@switchyard/embedded-postgres';
import type { AppConfig } from '../config/config';
import { ENTITIES } from './entities';

export interface Database {
  dataSource: DataSource;
  /** The URL actually connected to (the embedded server's when embedded). */
  url: string;
  singleConnection: boolean;
  close(): Promise<void>;
}

/**
 * Opens the database: DATABASE_URL, or PGlite under DATA_DIR served on loopback and
 * reached through the same `pg` driver (one connection — see TOOLCHAIN.md).
 * Pending migrations run before anything else uses it.
 */
export async function openDatabase(config: AppConfig): Promise<Database> {
  let embedded: EmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'pgdata') });
    url = embedded.url;
  }
  const dataSource = createDataSource(url, config.singleConnection ? 1 : config.databasePoolSize);
  try {
    await dataSource.initialize();
    await migrate(dataSource, config.singleConnection);
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.close();
    throw err;
  }
  return {
    dataSource,
    url,
    singleConnection: config.singleConnection,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.close();
    },
  };
}

/** Any number above 0 that no other advisory lock of ours uses. */
const MIGRATION_LOCK = 7_406_113;

/**
 * Replicas starting together on one database take turns: the first applies pending
 * migrations, the others then find nothing to do. (PGlite serves one process and one
 * connection, and a held lock connection would starve the migration itself.)
 */
async function migrate(dataSource: DataSource, singleConnection: boolean): Promise<void> {
  if (singleConnection) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error'],
    extra: {
      max: poolSize,
      // A restarted Postgres leaves dead sockets in the pool: drop idle ones quickly
      // and let the pool open fresh connections, so the app recovers without a restart.
      idleTimeoutMillis: 10_000,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    },
  });
}
