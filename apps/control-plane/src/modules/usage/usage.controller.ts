import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MAX_USAGE_BATCH, type UsageIngestResult } from '@switchyard/contracts';
import { ProxyOnly } from '../../core/auth/access.decorators';
import { validationError } from '../../core/http/zod-validation.pipe';
import { UsageIngestService } from './usage-ingest.service';

@ApiTags('proxy')
@ApiBearerAuth()
@Controller('proxy')
export class UsageController {
  constructor(private readonly ingest: UsageIngestService) {}

  /**
   * 200 with per-event results whenever the envelope is right: events are validated one
   * by one (a proxy sets aside only the rejected ones). A malformed envelope is a 400
   * and stores nothing.
   */
  @Post('usage')
  @ProxyOnly()
  @HttpCode(200)
  usage(@Body() body: unknown): Promise<UsageIngestResult> {
    const events = (body as { events?: unknown } | null)?.events;
    if (!Array.isArray(events)) {
      throw validationError('Invalid usage batch', [{ path: 'events', message: 'send {"events": [...]} with an array of usage events' }]);
    }
    if (events.length > MAX_USAGE_BATCH) {
      throw validationError('Usage batch too large', [
        { path: 'events', message: `at most ${MAX_USAGE_BATCH} events per batch, got ${events.length}: split it` },
      ]);
    }
    const extra = Object.keys(body as object).filter((k) => k !== 'events');
    if (extra.length > 0) {
      throw validationError('Invalid usage batch', extra.map((k) => ({ path: k, message: 'unknown field; the batch is {"events": [...]}' })));
    }
    return this.ingest.ingest(events);
  }
}
