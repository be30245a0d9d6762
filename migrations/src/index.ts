import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/** `<13-digit timestamp>-<kebab-case name>.ts` (`.js` once built): nothing else in the folder is a migration. */
const MIGRATION_FILE = /^(\d{13})-[a-z0-9]+(?:-[a-z0-9]+)*\.(?:ts|js)$/;

/**
 * The migrations of a folder, in timestamp order: every `<timestamp>-<name>` file,
 * each exporting exactly one migration class whose name ends in that timestamp.
 * Found by file name, so adding a migration is adding a file and no landed file is
 * ever edited. Strict where a TypeORM glob is not: declarations, source maps and
 * helpers never match, and a file that does not hold one such class, or a timestamp
 * used twice, stops the start with an error that names the file.
 */
export function migrationsIn(dir: string): MigrationClass[] {
  const files = readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort();
  const seen = new Map<string, string>();
  return files.map((file) => {
    const stamp = MIGRATION_FILE.exec(file)![1];
    const earlier = seen.get(stamp);
    if (earlier) throw new Error(`migrations: ${earlier} and ${file} share the timestamp ${stamp}`);
    seen.set(stamp, file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(require(join(dir, file)) as Record<string, unknown>).filter(
      (v): v is MigrationClass => typeof v === 'function' && typeof (v as { prototype?: { up?: unknown } }).prototype?.up === 'function',
    );
    if (exported.length !== 1 || !exported[0].name.endsWith(stamp)) {
      throw new Error(`migrations: ${file} must export exactly one migration class whose name ends in ${stamp}`);
    }
    return exported[0];
  });
}

/** Every migration, in order. A merged migration is never edited: a change is a new file. */
export const MIGRATIONS: MigrationClass[] = migrationsIn(__dirname);
