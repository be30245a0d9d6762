import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { EvaluateRolloutsJob } from './jobs/evaluate-rollouts.job';
import { PolicyAssignments } from './policy-assignments';
import { RolloutReader } from './rollout-reader';
import { RolloutsController } from './rollouts.controller';
import { RolloutsService } from './rollouts.service';

/**
 * Staged rollouts. Exports PolicyAssignments, through which the proxy-facing API
 * (modules/proxy-sync) decides which version each proxy runs.
 */
@Module({
  imports: [PoliciesModule],
  controllers: [RolloutsController],
  providers: [PolicyAssignments, RolloutReader, RolloutsService, EvaluateRolloutsJob],
  exports: [PolicyAssignments],
})
export class RolloutsModule {}
