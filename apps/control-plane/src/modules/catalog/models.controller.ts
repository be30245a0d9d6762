import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createModelRequest, updateModelRequest } from '@switchyard/contracts';
import type { z } from 'zod';
import { READ_CATALOG, Roles } from '../../core/auth/access.decorators';
import { actorName, CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('models')
export class ModelsController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Roles(...READ_CATALOG)
  list() {
    return this.catalog.models();
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(createModelRequest)
  create(@Body(new ZodPipe(createModelRequest)) body: z.output<typeof createModelRequest>, @CurrentPrincipal() p: Principal) {
    return this.catalog.createModel(body, actorName(p));
  }

  /** `:id` is URL-encoded (`openai%2Fgpt-4o`). A price adds an effective-dated row; the live policy is republished. */
  @Patch(':id')
  @Roles('admin')
  @ApiZodBody(updateModelRequest)
  update(@Param('id') id: string, @Body(new ZodPipe(updateModelRequest)) body: z.output<typeof updateModelRequest>, @CurrentPrincipal() p: Principal) {
    return this.catalog.updateModel(id, body, actorName(p));
  }
}
