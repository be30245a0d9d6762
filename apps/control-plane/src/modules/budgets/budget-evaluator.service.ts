import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Budget, BudgetStatus } from '@switchyard/contracts';
import { formatDecimal, fromPicoUsd, toPicoUsd } from '@switchyard/pricing';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { QUEUE_DRIVER, type QueueDriver } from '../../core/queue/queue-driver';
import { monthEnd, monthStart, today } from '../rollups/days';
import { BudgetEntity } from './budget.entity';
import { budgetStanding } from './budget-math';
import { BUDGET_WEBHOOK_QUEUE, WEBHOOK_ATTEMPTS, type WebhookJob } from './jobs/budget-webhook.processor';
import { TeamLimitsService, type BlockedTeam } from './team-limits.service';

export interface MonthSpend {
  overall: string;
  byTeam: Map<string, string>;
}

export function toBudget(b: BudgetEntity): Budget {
  return {
    id: b.id,
    team: b.team,
    monthlyUsd: fromPicoUsd(toPicoUsd(b.monthlyUsd)),
    thresholds: b.thresholds,
    hardLimit: b.hardLimit,
    webhookUrl: b.webhookUrl,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

/**
 * Compares each budget with its month's spend (from the rollups, production and
 * evaluation traffic alike: both cost money). Runs after every rollup, after budget
 * changes and on the maintenance clock (which also lifts limits when a month starts).
 * A crossed threshold records one alert per budget × month × threshold (a unique key,
 * so replicas racing record it once) and queues its webhook.
 */
@Injectable()
export class BudgetEvaluator implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Budgets');
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: TeamLimitsService,
    @Inject(QUEUE_DRIVER) private readonly queue: QueueDriver,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    // An exhausted overall hard limit blocks every team, including one whose first key was just created.
    this.unsubscribe = this.bus.subscribe('keys', () => {
      this.evaluateMonth(monthStart(today())).catch((err: Error) => this.logger.warn(`budget check after a key change failed: ${err.message}`));
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async monthSpend(month: string): Promise<MonthSpend> {
    const rows: Array<{ team: string; cost: string }> = await this.dataSource.query(
      `SELECT value AS team, sum(cost_usd)::text AS cost FROM spend_daily_dim
       WHERE dim = 'team' AND day BETWEEN $1 AND $2 GROUP BY value`,
      [monthStart(month), monthEnd(month)],
    );
    let overall = 0n;
    const byTeam = new Map<string, string>();
    for (const r of rows) {
      overall += toPicoUsd(r.cost);
      byTeam.set(r.team, fromPicoUsd(toPicoUsd(r.cost)));
    }
    return { overall: fromPicoUsd(overall), byTeam };
  }

  /** Records crossed thresholds for `month` ('YYYY-MM-DD', any day of it); refreshes hard limits when it is the current month. */
  async evaluateMonth(month: string, now = Date.now()): Promise<void> {
    const first = monthStart(month);
    const budgets = await this.dataSource.getRepository(BudgetEntity).find({ order: { createdAt: 'ASC' } });
    const spend = budgets.length > 0 ? await this.monthSpend(first) : { overall: '0', byTeam: new Map<string, string>() };
    for (const b of budgets) {
      const spent = b.team === null ? spend.overall : (spend.byTeam.get(b.team) ?? '0');
      for (const threshold of budgetStanding(spent, b.monthlyUsd, b.thresholds).crossedThresholds) {
        await this.recordAlert(b, first, threshold, spent);
      }
    }
    if (first === monthStart(today(now))) await this.limits.sync(await this.blockedTeams(budgets, spend, first));
  }

  async statuses(now = Date.now()): Promise<BudgetStatus[]> {
    const month = monthStart(today(now));
    const budgets = await this.dataSource.getRepository(BudgetEntity).find({ order: { createdAt: 'ASC' } });
    if (budgets.length === 0) return [];
    const spend = await this.monthSpend(month);
    return budgets.map((b) => {
      const spentUsd = b.team === null ? spend.overall : (spend.byTeam.get(b.team) ?? '0.00');
      return { budget: toBudget(b), month: month.slice(0, 7), spentUsd, ...budgetStanding(spentUsd, b.monthlyUsd, b.thresholds) };
    });
  }

  private async recordAlert(b: BudgetEntity, month: string, threshold: number, spent: string): Promise<void> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO budget_alerts (budget_id, team, month, threshold, spent_usd, webhook_status)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (budget_id, month, threshold) DO NOTHING
       RETURNING id`,
      [b.id, b.team, month, threshold, spent, b.webhookUrl ? 'pending' : 'none'],
    );
    if (rows.length === 0) return;
    this.logger.log(`budget ${b.team ?? '(overall)'} crossed ${threshold}% for ${month.slice(0, 7)}: spent $${spent} of $${toBudget(b).monthlyUsd}`);
    if (b.webhookUrl) {
      await this.queue.enqueue<WebhookJob>(BUDGET_WEBHOOK_QUEUE, 'deliver', { alertId: rows[0].id }, { jobId: `alert:${rows[0].id}`, attempts: WEBHOOK_ATTEMPTS });
    }
  }

  private async blockedTeams(budgets: BudgetEntity[], spend: MonthSpend, month: string): Promise<BlockedTeam[]> {
    const blocked = new Map<string, BlockedTeam>();
    const label = month.slice(0, 7);
    for (const b of budgets) {
      if (!b.hardLimit || b.team === null) continue;
      const spent = spend.byTeam.get(b.team) ?? '0';
      if (!budgetStanding(spent, b.monthlyUsd, []).exhausted) continue;
      blocked.set(b.team, {
        team: b.team,
        budgetId: b.id,
        reason: `Team '${b.team}' has spent its monthly budget of $${usd(b.monthlyUsd)} for ${label}. Requests are refused until an admin raises the budget or the month ends.`,
      });
    }
    const overall = budgets.find((b) => b.team === null && b.hardLimit);
    if (overall && budgetStanding(spend.overall, overall.monthlyUsd, []).exhausted) {
      // The proxies block by team: list every team that has an active key or spent this month.
      const rows: Array<{ team: string }> = await this.dataSource.query(
        `SELECT team FROM api_keys WHERE revoked_at IS NULL
         UNION SELECT value FROM spend_daily_dim WHERE dim = 'team' AND day BETWEEN $1 AND $2`,
        [month, monthEnd(month)],
      );
      for (const { team } of rows) {
        if (blocked.has(team)) continue;
        blocked.set(team, {
          team,
          budgetId: overall.id,
          reason: `The organisation has spent its overall monthly budget of $${usd(overall.monthlyUsd)} for ${label}. Requests are refused until an admin raises the budget or the month ends.`,
        });
      }
    }
    return [...blocked.values()];
  }
}

/** A budget amount for people: 2 decimals at least, exact. */
function usd(amount: string): string {
  return formatDecimal(toPicoUsd(amount), 12, 2);
}
