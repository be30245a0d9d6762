import { Body, Controller, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createRolloutRequest, endRolloutRequest, type CreateRolloutRequest, type EndRolloutRequest } from '@switchyard/contracts';
import { READ_CATALOG, Roles } from '../../core/auth/access.decorators';
import { actorName, CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { RolloutsService } from './rollouts.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('No rollout with that id.') });

/** Staged rollouts: admins start, promote and abort; finance and viewers watch. */
@ApiTags('rollouts')
@ApiBearerAuth()
@Controller('rollouts')
export class RolloutsController {
  constructor(private readonly rollouts: RolloutsService) {}

  @Get()
  @Roles(...READ_CATALOG)
  list() {
    return this.rollouts.list();
  }

  @Get(':id')
  @Roles(...READ_CATALOG)
  detail(@Param('id', uuid) id: string) {
    return this.rollouts.detail(id);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(createRolloutRequest)
  start(@Body(new ZodPipe(createRolloutRequest)) body: CreateRolloutRequest, @CurrentPrincipal() p: Principal) {
    return this.rollouts.start(body, actorName(p));
  }

  @Post(':id/promote')
  @Roles('admin')
  @HttpCode(200)
  @ApiZodBody(endRolloutRequest)
  promote(@Param('id', uuid) id: string, @Body(new ZodPipe(endRolloutRequest)) body: EndRolloutRequest, @CurrentPrincipal() p: Principal) {
    return this.rollouts.promote(id, body.reason, actorName(p));
  }

  @Post(':id/abort')
  @Roles('admin')
  @HttpCode(200)
  @ApiZodBody(endRolloutRequest)
  abort(@Param('id', uuid) id: string, @Body(new ZodPipe(endRolloutRequest)) body: EndRolloutRequest, @CurrentPrincipal() p: Principal) {
    return this.rollouts.abort(id, body.reason, { actor: actorName(p), automatic: false });
  }
}
