import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BudgetAlert } from '@switchyard/contracts';
import { fromPicoUsd, toPicoUsd } from '@switchyard/pricing';
import { APP_CONFIG, type AppConfig } from '../../../core/config/config';
import { QUEUE_DRIVER, type Job, type QueueDriver } from '../../../core/queue/queue-driver';
import { BudgetAlertEntity } from '../budget-alert.entity';
import { BudgetEntity } from '../budget.entity';

export const BUDGET_WEBHOOK_QUEUE = 'budget-webhooks';
/** Tries per alert (exponential backoff from QUEUE_DEFAULTS between them). */
export const WEBHOOK_ATTEMPTS = 5;
const TIMEOUT_MS = 10_000;

export interface WebhookJob {
  alertId: string;
}

export function toAlert(a: BudgetAlertEntity): BudgetAlert {
  return {
    id: a.id,
    budgetId: a.budgetId,
    team: a.team,
    month: a.month.slice(0, 7),
    threshold: a.threshold,
    spentUsd: fromPicoUsd(toPicoUsd(a.spentUsd)),
    createdAt: a.createdAt.toISOString(),
    webhookStatus: a.webhookStatus,
  };
}

/**
 * POSTs an alert to its budget's webhook: `{type: "budget.threshold", alert, budget}`.
 * A non-2xx answer or a timeout throws, so the queue retries with backoff; the alert
 * row says pending, delivered or failed (after the last try).
 */
@Injectable()
export class BudgetWebhookProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('BudgetWebhook');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runWorkers) this.queue.process<WebhookJob>(BUDGET_WEBHOOK_QUEUE, (job) => this.deliver(job));
  }

  async deliver(job: Job<WebhookJob>): Promise<void> {
    const alerts = this.dataSource.getRepository(BudgetAlertEntity);
    const alert = await alerts.findOneBy({ id: job.data.alertId });
    if (!alert || alert.webhookStatus === 'delivered') return;
    const budget = await this.dataSource.getRepository(BudgetEntity).findOneBy({ id: alert.budgetId });
    if (!budget?.webhookUrl) {
      await alerts.update({ id: alert.id }, { webhookStatus: 'none' });
      return;
    }
    let error: string | null = null;
    try {
      const res = await fetch(budget.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'switchyard-control-plane' },
        body: JSON.stringify({
          type: 'budget.threshold',
          alert: { ...toAlert(alert), webhookStatus: 'delivered' },
          budget: { id: budget.id, team: budget.team, monthlyUsd: fromPicoUsd(toPicoUsd(budget.monthlyUsd)), hardLimit: budget.hardLimit },
        }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    }
    const attempts = job.attemptsMade + 1;
    if (error === null) {
      await alerts.update({ id: alert.id }, { webhookStatus: 'delivered', webhookAttempts: attempts, webhookError: null });
      return;
    }
    const last = attempts >= WEBHOOK_ATTEMPTS;
    await alerts.update({ id: alert.id }, { webhookStatus: last ? 'failed' : 'pending', webhookAttempts: attempts, webhookError: error.slice(0, 500) });
    if (last) this.logger.warn(`webhook for alert ${alert.id} failed ${attempts} times (${error}); giving up`);
    throw new Error(`budget webhook to ${new URL(budget.webhookUrl).host} failed: ${error}`);
  }
}
