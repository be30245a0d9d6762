import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RecomputeRollupsResponse } from '@switchyard/contracts';
import { z } from 'zod';
import { Roles } from '../../core/auth/access.decorators';
import { actorName, CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { AuditService } from '../audit/audit.service';
import { daysInclusive } from './days';
import { RollupQueue } from './rollup-queue';

const day = z.iso.date({ error: 'must be a date like 2026-11-01' });
/** Longest range one request may recompute (ten years: far beyond any retention). */
export const MAX_RECOMPUTE_DAYS = 3660;
export const recomputeRequest = z
  .strictObject({ from: day, to: day })
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] })
  .refine((r) => daysInclusive(r.from, r.to) <= MAX_RECOMPUTE_DAYS, { message: `at most ${MAX_RECOMPUTE_DAYS} days at once`, path: ['to'] });

@ApiTags('rollups')
@ApiBearerAuth()
@Controller('admin/rollups')
export class RollupsController {
  constructor(
    private readonly queue: RollupQueue,
    private readonly audit: AuditService,
  ) {}

  /** Queues a recompute of every day in the range from raw events (202: it runs in the background). */
  @Post('recompute')
  @Roles('admin')
  @HttpCode(202)
  @ApiZodBody(recomputeRequest)
  async recompute(@Body(new ZodPipe(recomputeRequest)) body: z.output<typeof recomputeRequest>, @CurrentPrincipal() p: Principal): Promise<RecomputeRollupsResponse> {
    const jobId = await this.queue.range(body.from, body.to);
    await this.audit.record({ actor: actorName(p), action: 'rollups.recompute', target: jobId, details: body });
    return { jobId, days: daysInclusive(body.from, body.to) };
  }
}
