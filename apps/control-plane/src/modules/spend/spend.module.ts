import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { PerformanceService } from './performance.service';
import { SpendSummaryService } from './spend-summary.service';
import { SpendController } from './spend.controller';
import { SpendService } from './spend.service';

@Module({ imports: [BudgetsModule], controllers: [SpendController], providers: [SpendService, SpendSummaryService, PerformanceService], exports: [SpendService] })
export class SpendModule {}
