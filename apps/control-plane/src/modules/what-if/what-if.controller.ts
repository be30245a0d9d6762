import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { whatIfRequest, type WhatIfResponse } from '@switchyard/contracts';
import type { z } from 'zod';
import { READ_SPEND, Roles } from '../../core/auth/access.decorators';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { WhatIfService } from './what-if.service';

@ApiTags('what-if')
@ApiBearerAuth()
@Controller('what-if')
export class WhatIfController {
  constructor(private readonly whatIf: WhatIfService) {}

  /** A simulation, not a change: 200, and finance may run it. */
  @Post()
  @Roles(...READ_SPEND)
  @HttpCode(200)
  @ApiZodBody(whatIfRequest)
  run(@Body(new ZodPipe(whatIfRequest)) body: z.output<typeof whatIfRequest>): Promise<WhatIfResponse> {
    return this.whatIf.run(body);
  }
}
