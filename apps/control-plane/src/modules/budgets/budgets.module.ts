import { Module } from '@nestjs/common';
import { BudgetEvaluator } from './budget-evaluator.service';
import { BudgetWebhookProcessor } from './jobs/budget-webhook.processor';
import { TeamLimitsService } from './team-limits.service';

/** Budget checks, alerts, webhooks and hard limits: what both the API and the worker run. */
@Module({ providers: [BudgetEvaluator, TeamLimitsService, BudgetWebhookProcessor], exports: [BudgetEvaluator, TeamLimitsService] })
export class BudgetsModule {}
