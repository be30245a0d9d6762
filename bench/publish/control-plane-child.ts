/**
 * One control-plane replica in its own process, as in a deployment (the benchmark's
 * subscribers and client must not share its event loop). Started by publish.bench.ts
 * with fork(); reports its URL over IPC and closes when told to.
 */
import { join } from 'node:path';
import type { AppConfig } from '../../apps/control-plane/src/core/config/config';

const ROOT = join(__dirname, '..', '..', '..');
type Bootstrap = typeof import('../../apps/control-plane/src/core/bootstrap');
type ConfigModule = typeof import('../../apps/control-plane/src/core/config/config');

async function main() {
  require('reflect-metadata');
  const { startControlPlane } = require(join(ROOT, 'apps/control-plane/dist/core/bootstrap.js')) as Bootstrap;
  const { parseConfig } = require(join(ROOT, 'apps/control-plane/dist/core/config/config.js')) as ConfigModule;
  const overrides = JSON.parse(process.argv[2] ?? '{}') as Partial<AppConfig>;
  const cp = await startControlPlane(parseConfig({}, overrides));
  process.on('message', (m) => {
    // CPU time spent so far: the benchmark reports what a publish costs, apart from machine load.
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (m === 'close') void cp.close().finally(() => process.exit(0));
  });
  process.send?.({ url: cp.url });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
