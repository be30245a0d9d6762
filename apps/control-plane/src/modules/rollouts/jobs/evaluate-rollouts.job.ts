import { ConflictException, Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../core/config/config';
import { QUEUE_DRIVER, type QueueDriver } from '../../../core/queue/queue-driver';
import { PolicyPublisher } from '../../policies/policy-publisher';
import { RolloutEntity } from '../rollout.entity';
import { cohortMetrics } from '../rollout-metrics';
import { rolloutVerdict } from '../rollout-verdict';
import { RolloutsService } from '../rollouts.service';

export const ROLLOUTS_QUEUE = 'rollouts';
export const AUTO_ABORT_ACTOR = 'system (rollout auto-abort)';

/**
 * Every few seconds: compares each active rollout's canary with its baseline and
 * aborts it when it is past a threshold (with autoAbort on and enough requests in
 * both cohorts), and marks rollouts a plain publish overtook as superseded. Replicas
 * may evaluate the same rollout at once; the abort's row lock lets one of them win.
 */
@Injectable()
export class EvaluateRolloutsJob implements OnModuleInit {
  private readonly logger = new Logger('RolloutEvaluator');

  constructor(
    private readonly dataSource: DataSource,
    private readonly rollouts: RolloutsService,
    private readonly publisher: PolicyPublisher,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.runWorkers) return;
    this.queue.process(ROLLOUTS_QUEUE, () => this.evaluate());
    await this.queue.repeat(ROLLOUTS_QUEUE, 'evaluate', {}, this.config.rolloutEvaluateMs);
  }

  /** One evaluation round over every active rollout. */
  async evaluate(): Promise<void> {
    const active = await this.dataSource.getRepository(RolloutEntity).find({ where: { state: 'active' } });
    for (const r of active) {
      try {
        await this.evaluateOne(r);
      } catch (err) {
        if (err instanceof ConflictException) continue; // another replica (or an admin) ended it first
        this.logger.warn(`could not evaluate rollout ${r.id}: ${(err as Error).message}`);
      }
    }
  }

  private async evaluateOne(r: RolloutEntity): Promise<void> {
    const latest = (await this.publisher.latest(this.dataSource.manager))?.version ?? 0;
    if (latest > r.version) {
      await this.dataSource.transaction(async (m) => {
        const row = await m.getRepository(RolloutEntity).findOne({ where: { id: r.id }, lock: { mode: 'pessimistic_write' } });
        if (row?.state === 'active') await this.rollouts.supersede(m, row, latest);
      });
      return;
    }
    if (!r.autoAbort) return;
    const metrics = await cohortMetrics(this.dataSource.manager, [r.version, r.baselineVersion], r.createdAt, new Date());
    const canary = metrics.get(r.version)!;
    const baseline = metrics.get(r.baselineVersion)!;
    const verdict = rolloutVerdict(canary, baseline, r.thresholds);
    if (!verdict.enoughData || verdict.breaches.length === 0) return;
    await this.rollouts.abort(r.id, verdict.breaches.join('; '), { actor: AUTO_ABORT_ACTOR, automatic: true }, { canary, baseline });
    this.logger.warn(`rollout ${r.id} of version ${r.version} aborted automatically: ${verdict.breaches.join('; ')}`);
  }
}
