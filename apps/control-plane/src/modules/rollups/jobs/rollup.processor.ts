import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../core/config/config';
import { QUEUE_DRIVER, type Job, type QueueDriver } from '../../../core/queue/queue-driver';
import { BudgetEvaluator } from '../../budgets/budget-evaluator.service';
import { monthStart } from '../days';
import { ROLLUP_QUEUE, type RollupJob } from '../rollup-queue';
import { RollupService } from '../rollup.service';

/** Runs rollup jobs, then checks the budgets of every month a job touched. */
@Injectable()
export class RollupProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('RollupJobs');

  constructor(
    private readonly rollups: RollupService,
    private readonly budgets: BudgetEvaluator,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runWorkers) this.queue.process<RollupJob>(ROLLUP_QUEUE, (job) => this.run(job));
  }

  async run(job: Job<RollupJob>): Promise<void> {
    const data = job.data;
    const results = data.kind === 'day' ? [await this.rollups.recomputeDay(data.day)] : await this.rollups.recomputeRange(data.from, data.to);
    if (data.kind === 'range') {
      const rows = results.reduce((s, r) => s + r.rows, 0);
      const skipped = results.filter((r) => r.skipped).length;
      this.logger.log(`recomputed ${results.length} day(s) ${data.from}..${data.to}: ${rows} rows${skipped ? `, ${skipped} skipped (beyond retention)` : ''}`);
    }
    for (const month of new Set(results.map((r) => monthStart(r.day)))) await this.budgets.evaluateMonth(month);
  }
}
