import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createProviderRequest, type CreateProviderRequest } from '@switchyard/contracts';
import { READ_CATALOG, Roles } from '../../core/auth/access.decorators';
import { actorName, CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { CatalogService } from './catalog.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @Roles(...READ_CATALOG)
  list() {
    return this.catalog.providers();
  }

  /** Takes the name of the environment variable holding the key (`apiKeyEnv`), never a key. */
  @Post()
  @Roles('admin')
  @ApiZodBody(createProviderRequest)
  create(@Body(new ZodPipe(createProviderRequest)) body: CreateProviderRequest, @CurrentPrincipal() p: Principal) {
    return this.catalog.createProvider(body, actorName(p));
  }
}
