import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '../../core/auth/access.decorators';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { AuditService } from './audit.service';

const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(/^\d+$/).optional(),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  list(@Query(new ZodPipe(auditQuery, 'query')) q: z.output<typeof auditQuery>) {
    return this.audit.list(q.limit, q.before);
  }
}
