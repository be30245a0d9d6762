import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';
import { PolicyPublisher } from './policy-publisher';

@Module({ controllers: [PoliciesController], providers: [PoliciesService, PolicyPublisher], exports: [PoliciesService, PolicyPublisher] })
export class PoliciesModule {}
