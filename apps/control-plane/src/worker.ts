import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, parseConfig } from './core/config/config';
import { openInfrastructure } from './core/infrastructure';
import { WorkerRootModule } from './modules/rollups/worker-root.module';

/**
 * BullMQ worker: runs the queue processors (rollups, budget webhooks, usage
 * partition upkeep) with the API's services and no HTTP. Scale it out beside API
 * replicas started with RUN_WORKERS=false. Needs DATABASE_URL and REDIS_URL: in
 * embedded mode the API process runs the jobs itself.
 */
async function main() {
  let config;
  try {
    config = parseConfig(undefined, { runWorkers: true });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  if (!config.databaseUrl || !config.redisUrl) {
    console.error('The worker needs DATABASE_URL and REDIS_URL (scaled mode). In embedded mode the control plane runs its jobs itself.');
    process.exit(2);
  }
  const infra = await openInfrastructure(config);
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(infra), { logger: ['error', 'warn', 'log'] });
  await app.init();
  const logger = new Logger('Worker');
  logger.log(`processing queues on ${config.redisUrl.replace(/\/\/[^@]*@/, '//')} (prefix ${config.queuePrefix})`);
  const stop = async (signal: string) => {
    logger.log(`${signal}: finishing running jobs`);
    await app.close();
    await infra.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
