import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Module boundaries (STYLE.md rule 8), checked on every test run: shared libs stay
// framework-free, nothing imports from apps/, and NestJS/TypeORM never reach the
// proxy or the dashboard.
const root = join(__dirname, '..');

function sources(dir: string, includeTests = false): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === 'node_modules' || name === 'dist') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(name) && (includeTests || !/\.(spec|integration-spec|e2e-spec)\.tsx?$/.test(name))) out.push(p);
    }
  };
  walk(join(root, dir));
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

function violations(files: string[], forbidden: (spec: string, file: string) => boolean): string[] {
  return files.flatMap((f) => imports(f).filter((s) => forbidden(s, f)).map((s) => `${relative(root, f)} imports ${s}`));
}

const reachesApps = (spec: string, file: string) => spec.startsWith('apps/') || (spec.startsWith('.') && join(file, '..', spec).startsWith(join(root, 'apps')));
const framework = (spec: string) => /^@nestjs\/|^typeorm$|^express$/.test(spec);

describe('module boundaries', () => {
  it('libs never import from apps', () => {
    expect(violations(sources('libs', true), reachesApps)).toEqual([]);
  });

  it('pure libs (contracts, routing, pricing) import no framework and no I/O', () => {
    const pure = ['libs/contracts/src', 'libs/routing/src', 'libs/pricing/src'].flatMap((d) => sources(d));
    expect(pure.length).toBeGreaterThan(5);
    expect(violations(pure, (s) => framework(s) || /^node:(fs|net|http|https|child_process)$/.test(s))).toEqual([]);
  });

  it('NestJS and TypeORM never reach the proxy, the provider simulator or the dashboard', () => {
    const files = ['apps/proxy/src', 'apps/provider-sim/src', 'apps/dashboard/src'].flatMap((d) => sources(d, true));
    expect(files.length).toBeGreaterThan(10);
    expect(violations(files, framework)).toEqual([]);
  });

  it('apps do not import each other’s source outside tests', () => {
    const apps = ['control-plane', 'proxy', 'provider-sim', 'dashboard'];
    const bad = apps.flatMap((app) =>
      violations(sources(`apps/${app}/src`), (spec, file) => {
        if (!spec.startsWith('.')) return false;
        const target = relative(join(root, 'apps'), join(file, '..', spec));
        return !target.startsWith('..') && !target.startsWith(app);
      }),
    );
    expect(bad).toEqual([]);
  });
});
