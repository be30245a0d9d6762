import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createDraftRequest, publishDraftRequest, rollbackRequest, updateDraftRequest } from '@switchyard/contracts';
import type { z } from 'zod';
import { READ_CATALOG, Roles } from '../../core/auth/access.decorators';
import { actorName, CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { diffQuery, versionParam } from './dto/policy-params';
import { PoliciesService } from './policies.service';

/** Draft ids are UUIDs; anything else cannot name a draft: 404 like any unknown id. */
const uuid = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('No policy draft with that id.') });

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get('live')
  @Roles(...READ_CATALOG)
  live() {
    return this.policies.live();
  }

  @Get('versions')
  @Roles(...READ_CATALOG)
  versions() {
    return this.policies.versions();
  }

  @Get('versions/:version')
  @Roles(...READ_CATALOG)
  version(@Param('version', new ZodPipe(versionParam, 'version')) version: number) {
    return this.policies.version(version);
  }

  @Post('versions/:version/rollback')
  @Roles('admin')
  @ApiZodBody(rollbackRequest)
  rollback(
    @Param('version', new ZodPipe(versionParam, 'version')) version: number,
    @Body(new ZodPipe(rollbackRequest)) body: z.output<typeof rollbackRequest>,
    @CurrentPrincipal() p: Principal,
  ) {
    return this.policies.rollback(version, body.message, actorName(p));
  }

  @Get('diff')
  @Roles(...READ_CATALOG)
  diff(@Query(new ZodPipe(diffQuery, 'query')) q: z.output<typeof diffQuery>) {
    return this.policies.diff(q.from, q.to);
  }

  @Get('drafts')
  @Roles(...READ_CATALOG)
  drafts() {
    return this.policies.drafts();
  }

  @Post('drafts')
  @Roles('admin')
  @ApiZodBody(createDraftRequest)
  createDraft(@Body(new ZodPipe(createDraftRequest)) body: z.output<typeof createDraftRequest>, @CurrentPrincipal() p: Principal) {
    return this.policies.createDraft(body, actorName(p));
  }

  @Get('drafts/:id')
  @Roles(...READ_CATALOG)
  draft(@Param('id', uuid) id: string) {
    return this.policies.draft(id);
  }

  @Put('drafts/:id')
  @Roles('admin')
  @ApiZodBody(updateDraftRequest)
  updateDraft(@Param('id', uuid) id: string, @Body(new ZodPipe(updateDraftRequest)) body: z.output<typeof updateDraftRequest>, @CurrentPrincipal() p: Principal) {
    return this.policies.updateDraft(id, body, actorName(p));
  }

  @Post('drafts/:id/validate')
  @Roles('admin')
  @HttpCode(200)
  validate(@Param('id', uuid) id: string) {
    return this.policies.validateDraft(id);
  }

  @Post('drafts/:id/publish')
  @Roles('admin')
  @ApiZodBody(publishDraftRequest)
  publish(@Param('id', uuid) id: string, @Body(new ZodPipe(publishDraftRequest)) body: z.output<typeof publishDraftRequest>, @CurrentPrincipal() p: Principal) {
    return this.policies.publishDraft(id, body.message, actorName(p));
  }

  @Delete('drafts/:id')
  @Roles('admin')
  @HttpCode(204)
  async deleteDraft(@Param('id', uuid) id: string, @CurrentPrincipal() p: Principal) {
    await this.policies.deleteDraft(id, actorName(p));
  }
}
