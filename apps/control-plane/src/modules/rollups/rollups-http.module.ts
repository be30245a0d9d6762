import { Module } from '@nestjs/common';
import { RollupsController } from './rollups.controller';
import { RollupsModule } from './rollups.module';

@Module({ imports: [RollupsModule], controllers: [RollupsController] })
export class RollupsHttpModule {}
