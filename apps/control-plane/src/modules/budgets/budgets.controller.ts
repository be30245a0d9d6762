import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { budgetRequest, type BudgetRequest } from '@switchyard/contracts';
import type { z } from 'zod';
import { READ_SPEND, Roles } from '../../core/auth/access.decorators';
import { actorName, CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { BudgetsService } from './budgets.service';

@ApiTags('budgets')
@ApiBearerAuth()
@Controller()
export class BudgetsController {
  constructor(private readonly budgets: BudgetsService) {}

  @Get('budgets')
  @Roles(...READ_SPEND)
  list() {
    return this.budgets.list();
  }

  @Post('budgets')
  @Roles('admin')
  @ApiZodBody(budgetRequest)
  upsert(@Body(new ZodPipe(budgetRequest)) body: z.output<typeof budgetRequest> & BudgetRequest, @CurrentPrincipal() p: Principal) {
    return this.budgets.upsert(body, actorName(p));
  }

  @Get('budgets/status')
  @Roles(...READ_SPEND)
  status() {
    return this.budgets.statuses();
  }

  @Delete('budgets/:id')
  @Roles('admin')
  @HttpCode(204)
  async remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() p: Principal) {
    await this.budgets.remove(id, actorName(p));
  }

  @Get('alerts')
  @Roles(...READ_SPEND)
  alerts() {
    return this.budgets.alerts();
  }
}
