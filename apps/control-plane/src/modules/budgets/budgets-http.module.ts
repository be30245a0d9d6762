import { Module } from '@nestjs/common';
import { BudgetsController } from './budgets.controller';
import { BudgetsModule } from './budgets.module';
import { BudgetsService } from './budgets.service';
import { ProxyLimitsController } from './proxy-limits.controller';

/** The budgets API and GET /proxy/limits. */
@Module({ imports: [BudgetsModule], controllers: [BudgetsController, ProxyLimitsController], providers: [BudgetsService] })
export class BudgetsHttpModule {}
