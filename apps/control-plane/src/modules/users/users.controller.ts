import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createUserRequest, type CreateUserRequest } from '@switchyard/contracts';
import { Roles } from '../../core/auth/access.decorators';
import { actorName, CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin')
  list() {
    return this.users.list();
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(createUserRequest)
  create(@Body(new ZodPipe(createUserRequest)) body: CreateUserRequest, @CurrentPrincipal() p: Principal) {
    return this.users.create(body, actorName(p));
  }
}
