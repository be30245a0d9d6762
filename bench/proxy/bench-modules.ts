import { join } from 'node:path';

/** The repository root (this file compiles to bench/proxy/dist/). */
export const ROOT = join(__dirname, '..', '..', '..');

/**
 * The apps under test, loaded from their compiled output (`npx tsc -b` runs first):
 * benchmarks measure the build users run, not a transpile-on-the-fly.
 */
export function loadProxy(): typeof import('../../apps/proxy/src/server') {
  return require(join(ROOT, 'apps/proxy/dist/server.js'));
}

export function loadProviderSim(): typeof import('../../apps/provider-sim/src/index') {
  return require(join(ROOT, 'apps/provider-sim/dist/index.js'));
}
