import { Client } from 'pg';
import { createTestDatabase, testConfig, type TestDatabase } from '@switchyard/testing';
import { MIGRATIONS } from '@switchyard/migrations';
import { openDatabase } from '../src/core/database/database';
import { parseConfig } from '../src/core/config/config';

const describeWithPostgres = testConfig.databaseUrl ? describe : describe.skip;

describeWithPostgres('migrations on a real Postgres', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('lets replicas that start together on an empty database take turns', async () => {
    const config = parseConfig({}, { databaseUrl: db.url, databasePoolSize: 2 });
    const opened = await Promise.all([openDatabase(config), openDatabase(config), openDatabase(config)]);
    await Promise.all(opened.map((d) => d.close()));
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      const rows = (await c.query('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name);
      expect(rows).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await c.end();
    }
  });

  it('reverts every migration and applies them again (each down works)', async () => {
    const config = parseConfig({}, { databaseUrl: db.url, databasePoolSize: 2 });
    const d = await openDatabase(config);
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await d.dataSource.undoLastMigration({ transaction: 'each' });
      const left = await d.dataSource.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(left[0].n).toBe(0);
      await d.dataSource.runMigrations({ transaction: 'each' });
      const applied = await d.dataSource.query('SELECT count(*)::int AS n FROM migrations');
      expect(applied[0].n).toBe(MIGRATIONS.length);
    } finally {
      await d.close();
    }
  });
});
