import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, parseConfig } from './core/config/config';
import { startControlPlane } from './core/bootstrap';

async function main() {
  let config;
  try {
    config = parseConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const cp = await startControlPlane(config);
  const logger = new Logger('ControlPlane');
  const mode = config.embedded
    ? `embedded mode: PGlite in ${config.dataDir}/pgdata, in-process queue`
    : `scaled mode: Postgres${config.redisUrl ? ' + Redis (BullMQ)' : ', in-process queue (set REDIS_URL for BullMQ)'}`;
  console.log(`Control plane: API ${cp.url}/api/v1 · docs ${cp.url}/api/docs · dashboard ${cp.url}/ · ${mode}`);
  const admin = cp.firstStart.generatedAdmin;
  if (admin) {
    // Printed once, at creation; it is stored only as a hash.
    console.log(`\n  First admin created. Log in at ${cp.url}/ with\n    email:    ${admin.email}\n    password: ${admin.password}\n  (shown only this once)\n`);
  }
  if (cp.firstStart.demoKey) {
    console.log(`  Demo API key for the proxy (team "demo"; shown only this once):\n    ${cp.firstStart.demoKey}\n`);
  }
  const stop = async (signal: string) => {
    logger.log(`${signal}: shutting down`);
    await cp.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
