import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '../../core/bus/bus.module';
import { APP_CONFIG } from '../../core/config/config';
import { DatabaseModule } from '../../core/database/database.module';
import { QueueModule } from '../../core/queue/queue.module';
import type { Infrastructure } from '../../core/app.module';
import { BudgetsModule } from '../budgets/budgets.module';
import { UsageModule } from '../usage/usage.module';
import { RollupsModule } from './rollups.module';

/**
 * The root of processes without HTTP (src/worker.ts, src/cli/rollup.ts): the same
 * services and job processors the API runs, and no controllers.
 */
@Module({})
export class WorkerRootModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: WorkerRootModule,
      global: true,
      imports: [DatabaseModule.forRoot(infra.database), QueueModule.forRoot(infra.queue), BusModule.forRoot(infra.bus), UsageModule, RollupsModule, BudgetsModule],
      providers: [{ provide: APP_CONFIG, useValue: infra.config }],
      exports: [APP_CONFIG],
    };
  }
}
