import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../modules/audit/audit.module';
import { AuthModule } from '../modules/auth/auth.module';
import { KeysModule } from '../modules/keys/keys.module';
import { UsersModule } from '../modules/users/users.module';
import { CatalogModule } from '../modules/catalog/catalog.module';
import { PoliciesModule } from '../modules/policies/policies.module';
import { ProxySyncModule } from '../modules/proxy-sync/proxy-sync.module';
import { FleetModule } from '../modules/fleet/fleet.module';
import { ReviewsModule } from '../modules/reviews/reviews.module';
import { RolloutsModule } from '../modules/rollouts/rollouts.module';
import { UsageHttpModule } from '../modules/usage/usage-http.module';
import { RollupsHttpModule } from '../modules/rollups/rollups-http.module';
import { SpendModule } from '../modules/spend/spend.module';
import { WhatIfModule } from '../modules/what-if/what-if.module';
import { BudgetsHttpModule } from '../modules/budgets/budgets-http.module';
import { AuthGuard } from './auth/auth.guard';
import { SessionTokenProvider } from './auth/session-token.provider';
import { BusModule } from './bus/bus.module';
import type { ChangeBus } from './bus/change-bus';
import { APP_CONFIG, type AppConfig } from './config/config';
import type { Database } from './database/database';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import type { QueueDriver } from './queue/queue-driver';
import { QueueModule } from './queue/queue.module';

/** Feature modules, each owning its folder under modules/. */
export const FEATURE_MODULES = [AuditModule, UsersModule, AuthModule, KeysModule, PoliciesModule, CatalogModule, ProxySyncModule, FleetModule, ReviewsModule, RolloutsModule, UsageHttpModule, RollupsHttpModule, SpendModule, WhatIfModule, BudgetsHttpModule];

export interface Infrastructure {
  config: AppConfig;
  database: Database;
  queue: QueueDriver;
  bus: ChangeBus;
}

@Module({})
export class AppModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(infra.database),
        QueueModule.forRoot(infra.queue),
        BusModule.forRoot(infra.bus),
        ...FEATURE_MODULES,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: infra.config },
        SessionTokenProvider,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [APP_CONFIG, SessionTokenProvider],
    };
  }
}
