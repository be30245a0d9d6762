import { Module } from '@nestjs/common';
import { FleetController } from './fleet.controller';
import { RolloutsModule } from '../rollouts/rollouts.module';
import { FleetService } from './fleet.service';

/** Imports RolloutsModule: a proxy's lag is measured against the version its rollout cohort is assigned. */
@Module({ imports: [RolloutsModule], controllers: [FleetController], providers: [FleetService], exports: [FleetService] })
export class FleetModule {}
