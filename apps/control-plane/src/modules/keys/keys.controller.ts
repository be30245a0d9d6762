import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createApiKeyRequest, type CreateApiKeyRequest } from '@switchyard/contracts';
import { Roles } from '../../core/auth/access.decorators';
import { actorName, CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { KeysService } from './keys.service';

@ApiTags('keys')
@ApiBearerAuth()
@Controller('keys')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Get()
  @Roles('admin')
  list() {
    return this.keys.list();
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(createApiKeyRequest)
  create(@Body(new ZodPipe(createApiKeyRequest)) body: CreateApiKeyRequest, @CurrentPrincipal() p: Principal) {
    return this.keys.create(body, actorName(p));
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    await this.keys.revoke(id, actorName(p));
  }
}
