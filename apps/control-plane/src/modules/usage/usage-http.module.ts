import { Module } from '@nestjs/common';
import { UsageController } from './usage.controller';
import { UsageModule } from './usage.module';

/** POST /proxy/usage. */
@Module({ imports: [UsageModule], controllers: [UsageController] })
export class UsageHttpModule {}
