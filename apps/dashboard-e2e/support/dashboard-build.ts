import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
export const DASHBOARD_DIST = join(ROOT, 'apps/dashboard/dist');

/** Newest modification time of any file under a folder. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The control plane serves the built dashboard; build it when there is no build or the
 * sources (or the libs it bundles) changed since, so the tests never drive a stale app.
 */
export function ensureDashboardBuilt(): void {
  const index = join(DASHBOARD_DIST, 'index.html');
  const sources = Math.max(
    newest(join(ROOT, 'apps/dashboard/src')),
    newest(join(ROOT, 'libs/contracts/src')),
    newest(join(ROOT, 'libs/api-client/src')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const build = spawnSync('npm', ['run', 'build:dashboard', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build:dashboard failed:\n${build.stdout}\n${build.stderr}`);
}
