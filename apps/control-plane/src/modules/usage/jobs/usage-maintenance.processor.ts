import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../core/config/config';
import { QUEUE_DRIVER, type QueueDriver } from '../../../core/queue/queue-driver';
import { BudgetEvaluator } from '../../budgets/budget-evaluator.service';
import { addDays, monthStart, today } from '../../rollups/days';
import { RollupQueue } from '../../rollups/rollup-queue';
import { UsagePartitionsService } from '../usage-partitions.service';

export const USAGE_MAINTENANCE_QUEUE = 'usage-maintenance';

/**
 * On a clock (a repeatable job: one run per interval across all replicas): create the
 * coming days' partitions, drop those past the retention, ask for rollups of today and
 * yesterday (a safety net: a rollup request lost with a crash between an insert and
 * its enqueue is made good within an interval), and re-check this month's budgets (a
 * new month lifts last month's hard limits without waiting for traffic).
 */
@Injectable()
export class UsageMaintenanceProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('UsageMaintenance');

  constructor(
    private readonly partitions: UsagePartitionsService,
    private readonly budgets: BudgetEvaluator,
    private readonly rollups: RollupQueue,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runWorkers) return;
    this.queue.process(USAGE_MAINTENANCE_QUEUE, () => this.run());
    await this.queue.repeat(USAGE_MAINTENANCE_QUEUE, 'maintain', {}, this.config.usageMaintenanceMinutes * 60_000);
    // Right away too: a fresh install should not wait an interval for today's partition.
    await this.partitions.createAhead().catch((err: Error) => this.logger.warn(`could not create usage partitions at start: ${err.message}`));
  }

  async run(now = Date.now()): Promise<void> {
    await this.partitions.createAhead(now);
    await this.partitions.dropExpired(now);
    for (const day of [addDays(today(now), -1), today(now)]) await this.rollups.day(day, now);
    await this.budgets.evaluateMonth(monthStart(today(now)), now);
  }
}
