import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { RollupProcessor } from './jobs/rollup.processor';
import { RollupQueue } from './rollup-queue';
import { RollupService } from './rollup.service';

/** Rollup jobs and the service behind them (API and worker alike). */
@Module({ imports: [BudgetsModule], providers: [RollupService, RollupQueue, RollupProcessor], exports: [RollupService, RollupQueue] })
export class RollupsModule {}
