import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { FleetModule } from '../fleet/fleet.module';
import { KeysModule } from '../keys/keys.module';
import { PoliciesModule } from '../policies/policies.module';
import { RolloutsModule } from '../rollouts/rollouts.module';
import { KeySetCache } from './key-set.cache';
import { LivePolicyCache } from './live-policy.cache';
import { ProxyConnections } from './proxy-connections';
import { ProxySyncController } from './proxy-sync.controller';
import { TeamLimitsCache } from './team-limits.cache';

/** The proxy-facing API: policy pull/long-poll/stream, key set, heartbeats. */
@Module({
  imports: [KeysModule, FleetModule, PoliciesModule, RolloutsModule, BudgetsModule],
  controllers: [ProxySyncController],
  providers: [LivePolicyCache, KeySetCache, TeamLimitsCache, ProxyConnections],
  exports: [LivePolicyCache],
})
export class ProxySyncModule {}
