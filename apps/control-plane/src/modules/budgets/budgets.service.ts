import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Budget, BudgetAlert, BudgetStatus, budgetRequest } from '@switchyard/contracts';
import { toPicoUsd } from '@switchyard/pricing';
import type { z } from 'zod';
import { validationError } from '../../core/http/zod-validation.pipe';
import { AuditService } from '../audit/audit.service';
import { monthStart, today } from '../rollups/days';
import { BudgetAlertEntity } from './budget-alert.entity';
import { BudgetEntity } from './budget.entity';
import { normaliseThresholds } from './budget-math';
import { BudgetEvaluator, toBudget } from './budget-evaluator.service';
import { toAlert } from './jobs/budget-webhook.processor';

type BudgetInput = z.output<typeof budgetRequest>;

/** Budget CRUD. Every change is audited and re-checked at once, so a raised budget lifts its limit now. */
@Injectable()
export class BudgetsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly evaluator: BudgetEvaluator,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<Budget[]> {
    const rows = await this.dataSource.getRepository(BudgetEntity).find({ order: { createdAt: 'ASC' } });
    return rows.map(toBudget);
  }

  /** One budget per team (and one overall): posting again for the same team updates it. */
  async upsert(req: BudgetInput, actor: string): Promise<Budget> {
    if (toPicoUsd(req.monthlyUsd) <= 0n) throw validationError('Invalid budget', [{ path: 'monthlyUsd', message: 'must be greater than 0' }]);
    const thresholds = normaliseThresholds(req.thresholds);
    const id = await this.dataSource.transaction(async (m) => {
      const rows: Array<{ id: string }> = await m.query(
        `INSERT INTO budgets (team, monthly_usd, thresholds, hard_limit, webhook_url)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ((coalesce(team, ''))) DO UPDATE
           SET monthly_usd = excluded.monthly_usd, thresholds = excluded.thresholds,
               hard_limit = excluded.hard_limit, webhook_url = excluded.webhook_url, updated_at = now()
         RETURNING id`,
        [req.team, req.monthlyUsd, thresholds, req.hardLimit, req.webhookUrl],
      );
      await this.audit.record(
        { actor, action: 'budget.upsert', target: rows[0].id, details: { team: req.team, monthlyUsd: req.monthlyUsd, thresholds, hardLimit: req.hardLimit } },
        m,
      );
      return rows[0].id;
    });
    await this.evaluator.evaluateMonth(monthStart(today()));
    return toBudget(await this.dataSource.getRepository(BudgetEntity).findOneByOrFail({ id }));
  }

  async remove(id: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const r = await m.getRepository(BudgetEntity).delete({ id });
      if (!r.affected) throw new NotFoundException(`No budget with id ${id}.`);
      await this.audit.record({ actor, action: 'budget.delete', target: id }, m);
    });
    await this.evaluator.evaluateMonth(monthStart(today()));
  }

  statuses(): Promise<BudgetStatus[]> {
    return this.evaluator.statuses();
  }

  async alerts(): Promise<BudgetAlert[]> {
    const rows = await this.dataSource.getRepository(BudgetAlertEntity).find({ order: { createdAt: 'DESC' }, take: 500 });
    return rows.map(toAlert);
  }
}
