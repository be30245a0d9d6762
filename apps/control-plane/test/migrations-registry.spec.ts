import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS, migrationsIn } from '@switchyard/migrations';

const SRC = join(__dirname, '../../../migrations/src');

describe('the migration registry (files found by name, in timestamp order)', () => {
  it('holds every <timestamp>-<name> file of migrations/src, in timestamp order, each class named after its timestamp', () => {
    const stamps = readdirSync(SRC)
      .filter((f) => /^\d{13}-/.test(f))
      .map((f) => f.slice(0, 13))
      .sort();
    expect(stamps.length).toBeGreaterThanOrEqual(6);
    expect(MIGRATIONS.map((m) => m.name.slice(-13))).toEqual(stamps);
    expect(MIGRATIONS[0].name).toBe('CoreSchema1764400000000');
  });

  it('refuses a file that holds no migration class, and a timestamp used twice, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sy-migrations-'));
    writeFileSync(join(dir, '1700000000000-helper.js'), 'exports.notAMigration = 1;');
    writeFileSync(join(dir, 'README.md'), 'not a migration');
    expect(() => migrationsIn(dir)).toThrow('1700000000000-helper.js must export exactly one migration class');

    const twice = mkdtempSync(join(tmpdir(), 'sy-migrations-'));
    const klass = (name: string) => `exports.${name} = class ${name} { async up() {} async down() {} };`;
    writeFileSync(join(twice, '1700000000000-a.js'), klass('A1700000000000'));
    writeFileSync(join(twice, '1700000000000-b.js'), klass('B1700000000000'));
    expect(() => migrationsIn(twice)).toThrow('1700000000000-a.js and 1700000000000-b.js share the timestamp 1700000000000');

    const good = mkdtempSync(join(tmpdir(), 'sy-migrations-'));
    writeFileSync(join(good, '1700000000002-later.js'), klass('Later1700000000002'));
    writeFileSync(join(good, '1700000000001-first.js'), klass('First1700000000001'));
    writeFileSync(join(good, '1700000000001-first.d.ts'), 'export {};');
    expect(migrationsIn(good).map((m) => m.name)).toEqual(['First1700000000001', 'Later1700000000002']);
  });
});
