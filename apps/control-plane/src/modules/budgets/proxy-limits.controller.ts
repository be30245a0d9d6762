import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProxyOnly } from '../../core/auth/access.decorators';
import { TeamLimitsService, type ProxyLimits } from './team-limits.service';

@ApiTags('proxy')
@ApiBearerAuth()
@Controller('proxy')
export class ProxyLimitsController {
  constructor(private readonly limits: TeamLimitsService) {}

  /** Teams whose hard budget is spent; proxies answer their requests with 429. */
  @Get('limits')
  @ProxyOnly()
  get(): Promise<ProxyLimits> {
    return this.limits.current();
  }
}
