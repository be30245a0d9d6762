import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SEED_PROVIDERS } from '@switchyard/contracts';

// No Docker engine runs on this machine (TOOLCHAIN.md), so docker/ is kept correct by
// this test: every path the Dockerfile and compose file name must exist in the source
// layout or be produced by the build they run (a tsconfig rootDir → outDir mapping, the
// dashboard's Vite outDir, npm ci's node_modules), every npm script they run must
// exist, every environment variable they set must be one the apps read, and every
// package the runtime images load must survive `npm prune --omit=dev`.
const root = join(__dirname, '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; workspaces: string[]; dependencies: Record<string, string> };

interface Instruction {
  stage: string;
  op: string;
  args: string;
}

/** Dockerfile instructions with their stage, continuation lines joined, comments dropped. */
function dockerInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = '';
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [op, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? args;
    out.push({ stage, op: op.toUpperCase(), args });
  }
  return out;
}

const instructions = dockerInstructions(read('docker/Dockerfile'));
const stages = new Map<string, string>(); // stage → the stage (or image) it is built FROM
for (const i of instructions.filter((x) => x.op === 'FROM')) stages.set(i.stage, i.args.split(/\s+/)[0]);

/** The stage and all stages it is built on. */
function lineage(stage: string): string[] {
  const out: string[] = [];
  for (let s: string | undefined = stage; s && stages.has(s); s = stages.get(s)) out.push(s);
  return out;
}

interface Copy {
  stage: string;
  from: string | null;
  sources: string[];
  dest: string;
}

function copies(): Copy[] {
  return instructions
    .filter((i) => i.op === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const flags = words.filter((w) => w.startsWith('--'));
      const paths = words.filter((w) => !w.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice(7) ?? null;
      return { stage: i.stage, from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
    });
}

/** tsconfig projects of the repository: their folder, rootDir and outDir. */
function tsProjects(): Array<{ dir: string; rootDir: string; outDir: string }> {
  const out: Array<{ dir: string; rootDir: string; outDir: string }> = [];
  for (const parent of ['apps', 'libs']) {
    for (const name of readdirSync(join(root, parent))) {
      const dir = `${parent}/${name}`;
      if (existsSync(join(root, dir, 'tsconfig.json'))) out.push({ dir, ...dirsOf(dir) });
    }
  }
  out.push({ dir: 'migrations', ...dirsOf('migrations') });
  return out.filter((p) => p.outDir);
}

function dirsOf(dir: string): { rootDir: string; outDir: string } {
  // tsconfig files here are plain JSON (no comments): checked by parsing them.
  const ts = JSON.parse(read(`${dir}/tsconfig.json`)) as { compilerOptions?: { rootDir?: string; outDir?: string; noEmit?: boolean } };
  const o = ts.compilerOptions ?? {};
  return { rootDir: o.noEmit ? '' : (o.rootDir ?? ''), outDir: o.noEmit ? '' : (o.outDir ?? '') };
}

/** The dashboard's Vite build output folder, relative to the repository (from whichever config file Vite finds). */
function viteOutDir(): string {
  const config = ['ts', 'mts', 'js', 'mjs', 'cts', 'cjs'].map((ext) => `apps/dashboard/vite.config.${ext}`).find((f) => existsSync(join(root, f)));
  if (!config) throw new Error('no apps/dashboard/vite.config.* — the Dockerfile builds the dashboard with Vite');
  const m = /outDir:\s*'([^']+)'/.exec(read(config));
  return `apps/dashboard/${m?.[1] ?? 'dist'}`;
}

/**
 * Why a path of the build stage exists, or null: in the sources, produced by npm ci,
 * a tsc outDir (a .js file must come from a .ts under rootDir), or the Vite build.
 */
function produced(path: string): string | null {
  const p = path.replace(/^\/src\/?/, '').replace(/\/$/, '');
  if (p === '' || p === '.') return 'the source tree';
  if (p === 'node_modules') return 'npm ci';
  if (p === viteOutDir() || p.startsWith(`${viteOutDir()}/`)) return existsSync(join(root, 'apps/dashboard/index.html')) ? 'vite build' : null;
  for (const proj of tsProjects()) {
    const out = `${proj.dir}/${proj.outDir}`;
    if (p === out) return existsSync(join(root, proj.dir, proj.rootDir)) ? `tsc ${proj.dir}` : null;
    if (p.startsWith(`${out}/`)) {
      const rest = p.slice(out.length + 1);
      const source = join(root, proj.dir, proj.rootDir, rest.replace(/\.js$/, '.ts'));
      return existsSync(source) || (!rest.endsWith('.js') && existsSync(join(root, proj.dir, proj.rootDir, rest))) ? `tsc ${proj.dir}` : null;
    }
  }
  return existsSync(join(root, p)) ? 'the source tree' : null;
}

/** Paths copied into a runtime stage (and the stages it is built on), relative to /app. */
function runtimePaths(stage: string): string[] {
  const chain = lineage(stage);
  return copies()
    .filter((c) => chain.includes(c.stage) && c.from)
    .flatMap((c) => c.sources.map((s) => (c.sources.length === 1 && !c.dest.endsWith('/') && c.dest !== './' ? c.dest : `${c.dest.replace(/\/$/, '')}/${s.split('/').pop()}`)))
    .map((d) => d.replace(/^\.\//, '').replace(/^\/app\//, ''));
}

function workspaceDirs(): string[] {
  return pkg.workspaces.flatMap((w) => (w.endsWith('/*') ? readdirSync(join(root, w.slice(0, -2))).map((n) => `${w.slice(0, -2)}/${n}`) : [w])).filter((d) => existsSync(join(root, d, 'package.json')));
}

const compose = parseYaml(read('docker/compose.yaml'), { merge: true }) as {
  services: Record<string, { build?: { context: string; dockerfile: string; target?: string }; command?: string[]; environment?: Record<string, string>; depends_on?: Record<string, unknown>; volumes?: string[] }>;
  volumes?: Record<string, unknown>;
};

/** Environment variables the apps read: the control plane's config schema and the proxy's loader. */
function knownVariables(): Set<string> {
  const names = new Set<string>();
  for (const m of read('apps/control-plane/src/core/config/config.ts').matchAll(/^\s+([A-Z][A-Z0-9_]+):\s/gm)) names.add(m[1]);
  for (const m of read('apps/proxy/src/config/proxy-config.ts').matchAll(/Var\(env, '([A-Z][A-Z0-9_]+)'/g)) names.add(m[1]);
  for (const p of SEED_PROVIDERS) if (p.apiKeyEnv) names.add(p.apiKeyEnv);
  return names;
}

/** Third-party packages a source tree loads at run time (tests excluded). */
function runtimePackages(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'node_modules' && name !== 'dist' && name !== 'test') walk(p);
      } else if (/\.ts$/.test(name) && !/\.(spec|integration-spec)\.ts$/.test(name)) {
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/^(?!\s*import\s+type\b)\s*(?:import|export)[^'"]*?from\s+['"]([^'".][^'"]*)['"]|require\(\s*['"]([^'".][^'"]*)['"]\s*\)|import\(\s*['"]([^'".][^'"]*)['"]\s*\)/gm)) {
          const spec = m[1] ?? m[2] ?? m[3];
          if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]) || spec.startsWith('@switchyard/')) continue;
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          if (!found.has(name)) found.set(name, relative(root, p));
        }
      }
    }
  };
  walk(join(root, dir));
  return found;
}

describe('docker/Dockerfile', () => {
  it('builds each target compose names, from stages that exist', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      if (!s.build) continue;
      expect({ name, dockerfile: existsSync(join(root, 'docker', s.build.context, s.build.dockerfile)) }).toEqual({ name, dockerfile: true });
      if (s.build.target) expect({ name, target: stages.has(s.build.target) }).toEqual({ name, target: true });
    }
    for (const [stage, base] of stages) if (!base.includes(':') && !base.includes('/')) expect({ stage, base: stages.has(base) }).toEqual({ stage, base: true });
  });

  it('copies every workspace package.json before npm ci (npm ci fails on a missing workspace)', () => {
    const ciAt = instructions.findIndex((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
    expect(ciAt).toBeGreaterThan(0);
    const copiedBefore = new Set(
      instructions
        .slice(0, ciAt)
        .filter((i) => i.op === 'COPY')
        .flatMap((i) => i.args.split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1)),
    );
    const missing = workspaceDirs().filter((d) => !copiedBefore.has(`${d}/package.json`));
    expect(missing).toEqual([]);
    for (const f of ['package.json', 'package-lock.json']) expect(copiedBefore.has(f)).toBe(true);
  });

  it('runs only npm scripts that exist', () => {
    const used = instructions.filter((i) => i.op === 'RUN').flatMap((i) => [...i.args.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((s) => !pkg.scripts[s])).toEqual([]);
    // The build scripts produce what the runtime stages copy.
    expect(pkg.scripts.build).toMatch(/tsc -b/);
    expect(pkg.scripts['build:dashboard']).toMatch(/vite build apps\/dashboard/);
  });

  it('copies from the context only paths that exist, and from the build stage only paths the build produces', () => {
    const problems: string[] = [];
    for (const c of copies()) {
      for (const s of c.sources) {
        if (c.from === null) {
          if (s !== '.' && !existsSync(join(root, s))) problems.push(`${c.stage}: COPY ${s} (not in the repository)`);
        } else if (c.from === 'build' && !produced(s)) problems.push(`${c.stage}: COPY --from=build ${s} (neither a source path nor a build output)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('starts each runtime image on an entry file the build produces and the image contains', () => {
    const entries: Array<{ stage: string; file: string }> = [];
    for (const i of instructions.filter((x) => x.op === 'CMD')) {
      const argv = JSON.parse(i.args) as string[];
      expect(argv[0]).toBe('node');
      entries.push({ stage: i.stage, file: argv[1] });
    }
    for (const [name, s] of Object.entries(compose.services)) {
      if (s.command && s.build?.target) entries.push({ stage: s.build.target, file: s.command[1] });
    }
    expect(entries.map((e) => e.file).sort()).toEqual(
      ['apps/control-plane/dist/cli/migrate.js', 'apps/control-plane/dist/main.js', 'apps/control-plane/dist/worker.js', 'apps/proxy/dist/main.js'].sort(),
    );
    for (const e of entries) {
      expect({ ...e, producedBy: produced(e.file) }).toEqual({ ...e, producedBy: expect.stringMatching(/^tsc /) });
      const inImage = runtimePaths(e.stage).some((p) => e.file === p || e.file.startsWith(`${p}/`));
      expect({ ...e, inImage }).toEqual({ ...e, inImage: true });
    }
  });

  it('gives the control-plane image the dashboard it serves, at the DASHBOARD_DIR it names', () => {
    const env = instructions.filter((i) => i.stage === 'control-plane' && i.op === 'ENV').map((i) => i.args).join(' ');
    const dir = /DASHBOARD_DIR=(\S+)/.exec(env)?.[1];
    expect(dir).toBe('/app/apps/dashboard/dist');
    expect(runtimePaths('control-plane')).toContain(viteOutDir());
    expect(produced(viteOutDir())).toBe('vite build');
  });

  it('runs as a non-root user in every runtime image', () => {
    for (const stage of ['control-plane', 'worker', 'proxy']) {
      const users = instructions.filter((i) => lineage(stage).includes(i.stage) && i.op === 'USER');
      // The last USER instruction in the chain decides (the stage's own ones come last).
      const own = users.filter((u) => u.stage === stage);
      const last = (own.length ? own : users).at(-1);
      expect({ stage, user: last?.args }).toEqual({ stage, user: 'node' });
    }
  });

  it('ships every third-party package the apps load at run time (npm prune --omit=dev keeps only dependencies)', () => {
    const missing: string[] = [];
    for (const dir of ['apps/control-plane/src', 'apps/proxy/src', 'libs/contracts/src', 'libs/pricing/src', 'libs/routing/src', 'libs/embedded-postgres/src', 'migrations/src']) {
      for (const [name, file] of runtimePackages(dir)) if (!pkg.dependencies[name]) missing.push(`${name} (imported by ${file})`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps secrets and host build output out of the build context (.dockerignore)', () => {
    const ignored = read('.dockerignore').split(/\r?\n/).map((l) => l.trim());
    for (const entry of ['**/node_modules', '**/dist', '.switchyard', '**/.env', '.git']) expect(ignored).toContain(entry);
  });
});

describe('docker/compose.yaml', () => {
  const env = (name: string) => compose.services[name]?.environment ?? {};

  it('has Postgres and Redis with healthchecks, migrations before the apps, and no dangling dependency', () => {
    for (const svc of ['postgres', 'redis']) expect((compose.services[svc] as { healthcheck?: unknown }).healthcheck).toBeDefined();
    for (const [name, s] of Object.entries(compose.services)) {
      for (const dep of Object.keys(s.depends_on ?? {})) expect({ name, dep, exists: dep in compose.services }).toEqual({ name, dep, exists: true });
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0];
        if (!source.startsWith('.') && !source.startsWith('/')) expect({ name, volume: source, declared: source in (compose.volumes ?? {}) }).toEqual({ name, volume: source, declared: true });
      }
    }
    expect(compose.services['control-plane'].depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
    expect(compose.services.worker.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
  });

  it('sets only environment variables the apps read', () => {
    const known = knownVariables();
    const unknown: string[] = [];
    for (const [name, s] of Object.entries(compose.services)) {
      if (!s.build) continue;
      for (const key of Object.keys(s.environment ?? {})) if (!known.has(key)) unknown.push(`${name}: ${key}`);
    }
    for (const i of instructions.filter((x) => x.op === 'ENV' && x.stage !== 'build')) {
      for (const m of i.args.matchAll(/([A-Z][A-Z0-9_]*)=/g)) if (!known.has(m[1]) && m[1] !== 'NODE_ENV') unknown.push(`Dockerfile ${i.stage}: ${m[1]}`);
    }
    expect(unknown).toEqual([]);
  });

  it('points the apps at the compose Postgres and Redis, and the proxy at the control plane with the shared token', () => {
    for (const svc of ['migrate', 'control-plane', 'worker']) {
      expect(env(svc).DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(env(svc).REDIS_URL).toBe('redis://redis:6379');
    }
    expect(env('proxy').CONTROL_PLANE_URL).toBe('http://control-plane:3000');
    expect(env('proxy').PROXY_TOKEN).toMatch(/\$\{PROXY_TOKEN/);
    expect(env('control-plane').PROXY_TOKEN).toMatch(/\$\{PROXY_TOKEN/);
  });

  it('hands the proxy every provider key variable the seeded catalog names', () => {
    const missing = SEED_PROVIDERS.map((p) => p.apiKeyEnv).filter((v): v is string => !!v && !(v in env('proxy')));
    expect(missing).toEqual([]);
  });

  it('probes health endpoints the apps serve', () => {
    const healthchecks = instructions.filter((i) => i.op === 'HEALTHCHECK').map((i) => /fetch\('http:\/\/127\.0\.0\.1:\d+([^']+)'/.exec(i.args)?.[1]);
    expect(healthchecks.sort()).toEqual(['/api/v1/health', '/healthz']);
    expect(read('apps/control-plane/src/core/health/health.controller.ts')).toMatch(/@Controller\('health'\)/);
    expect(read('apps/control-plane/src/core/create-app.ts')).toMatch(/API_PREFIX = 'api\/v1'/);
    expect(read('apps/proxy/src/server.ts')).toMatch(/'GET \/healthz'/);
  });
});
