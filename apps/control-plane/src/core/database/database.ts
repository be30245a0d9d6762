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
    await dataSource.runMigrations({ transaction: 'each' });
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
