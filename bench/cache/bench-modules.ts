import { join } from 'node:path';

/** The repository root (this file compiles to bench/cache/dist/). */
export const ROOT = join(__dirname, '..', '..', '..');

/*
 * The code under test, loaded from its compiled output (`tsc -b` runs first): the
 * benchmark measures the build users run.
 */
const proxyDist = (file: string) => join(ROOT, 'apps/proxy/dist', file);

export function loadProxy(): typeof import('../../apps/proxy/src/server') {
  return require(proxyDist('server.js'));
}

export function loadProviderSim(): typeof import('../../apps/provider-sim/src/index') {
  return require(join(ROOT, 'apps/provider-sim/dist/index.js'));
}

export function loadCache() {
  return {
    ...(require(proxyDist('cache/local-embedder.js')) as typeof import('../../apps/proxy/src/cache/local-embedder')),
    ...(require(proxyDist('cache/semantic-index.js')) as typeof import('../../apps/proxy/src/cache/semantic-index')),
    ...(require(proxyDist('cache/prompt-signature.js')) as typeof import('../../apps/proxy/src/cache/prompt-signature')),
    ...(require(proxyDist('cache/redis-backend.js')) as typeof import('../../apps/proxy/src/cache/redis-backend')),
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
