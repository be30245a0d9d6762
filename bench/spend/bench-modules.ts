import { join } from 'node:path';

/** The repository root (this file compiles to bench/spend/dist/). */
export const ROOT = join(__dirname, '..', '..', '..');

/**
 * The control plane under test, loaded from its compiled output (`tsc -b` runs first):
 * the benchmark measures the build users run.
 */
export function loadBootstrap(): typeof import('../../apps/control-plane/src/core/bootstrap') {
  return require(join(ROOT, 'apps/control-plane/dist/core/bootstrap.js'));
}
export function loadConfig(): typeof import('../../apps/control-plane/src/core/config/config') {
  return require(join(ROOT, 'apps/control-plane/dist/core/config/config.js'));
}
export function loadDatabase(): typeof import('../../apps/control-plane/src/core/database/database') {
  return require(join(ROOT, 'apps/control-plane/dist/core/database/database.js'));
}
export function loadRollups(): typeof import('../../apps/control-plane/src/modules/rollups/rollup.service') {
  return require(join(ROOT, 'apps/control-plane/dist/modules/rollups/rollup.service.js'));
}
export function loadHistogram(): typeof import('../../apps/control-plane/src/modules/rollups/histogram') {
  return require(join(ROOT, 'apps/control-plane/dist/modules/rollups/histogram.js'));
}
export function loadPartitions(): typeof import('../../apps/control-plane/src/modules/usage/usage-partitions.service') {
  return require(join(ROOT, 'apps/control-plane/dist/modules/usage/usage-partitions.service.js'));
}
