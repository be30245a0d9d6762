import { Module } from '@nestjs/common';
import { FleetModule } from '../fleet/fleet.module';
import { KeysModule } from '../keys/keys.module';
import { PoliciesModule } from '../policies/policies.module';
import { RolloutsModule } from '../rollouts/rollouts.module';
import { KeySetCache } from './key-set.cache';
import { LivePolicyCache } from './live-policy.cache';
import { ProxyConnections } from './proxy-connections';
import { ProxySyncController } from './proxy-sync.controller';

/** The proxy-facing API: policy pull/long-poll/stream, key set, heartbeats. */
@Module({
  imports: [KeysModule, FleetModule, PoliciesModule, RolloutsModule],
  controllers: [ProxySyncController],
  providers: [LivePolicyCache, KeySetCache, ProxyConnections],
  exports: [LivePolicyCache],
})
export class ProxySyncModule {}
