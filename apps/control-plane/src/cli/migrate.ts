import 'reflect-metadata';
import { ConfigError, parseConfig } from '../core/config/config';
import { openDatabase } from '../core/database/database';

/** `npm run migrate` — applies pending migrations and exits (containers run it before the app). */
async function main() {
  const config = parseConfig();
  const db = await openDatabase(config);
  const applied = await db.dataSource.query(`SELECT name FROM migrations ORDER BY id`);
  console.log(`database is at migration ${applied.length}: ${applied.at(-1)?.name ?? '(none)'}`);
  await db.close();
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
