import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { RollupsModule } from '../rollups/rollups.module';
import { UsageMaintenanceProcessor } from './jobs/usage-maintenance.processor';
import { UsageIngestService } from './usage-ingest.service';
import { UsagePartitionsService } from './usage-partitions.service';

/** Raw usage storage and its partition upkeep (API and worker alike). */
@Module({
  imports: [RollupsModule, BudgetsModule],
  providers: [UsagePartitionsService, UsageIngestService, UsageMaintenanceProcessor],
  exports: [UsagePartitionsService, UsageIngestService],
})
export class UsageModule {}
