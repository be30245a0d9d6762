import { LocalChangeBus } from './bus/local-change-bus';
import { PgChangeBus } from './bus/pg-change-bus';
import type { ChangeBus } from './bus/change-bus';
import type { AppConfig } from './config/config';
import { openDatabase } from './database/database';
import type { Infrastructure } from './app.module';
import { BullMqQueueDriver } from './queue/bullmq-queue.driver';
import { InProcessQueueDriver } from './queue/in-process-queue.driver';
import type { QueueDriver } from './queue/queue-driver';

/**
 * Database (migrated), queue and change bus for the configured mode:
 * embedded → PGlite + in-process queue + local bus; scaled → Postgres (+ LISTEN/NOTIFY)
 * and BullMQ when REDIS_URL is set.
 */
export async function openInfrastructure(config: AppConfig): Promise<Infrastructure & { close(): Promise<void> }> {
  const database = await openDatabase(config);
  const queue: QueueDriver = config.redisUrl ? new BullMqQueueDriver(config.redisUrl, config.queuePrefix) : new InProcessQueueDriver();
  let bus: ChangeBus;
  if (database.singleConnection) {
    bus = new LocalChangeBus();
  } else {
    const pgBus = new PgChangeBus(database.url, (sql, params) => database.dataSource.query(sql, params));
    await pgBus.start();
    bus = pgBus;
  }
  return {
    config,
    database,
    queue,
    bus,
    async close() {
      await bus.close();
      await queue.close();
      await database.close();
    },
  };
}
