import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { reviewPairBatch, type ReviewPairIngestResult } from '@switchyard/contracts';
import type { z } from 'zod';
import { ProxyOnly } from '../../core/auth/access.decorators';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { ReviewPairsService } from './review-pairs.service';

/** Shadow-sampled review pairs from proxies (proxy token only); idempotent on pair id. */
@ApiTags('proxy')
@ApiBearerAuth()
@Controller('proxy')
export class ProxyReviewPairsController {
  constructor(private readonly pairs: ReviewPairsService) {}

  @Post('review-pairs')
  @ProxyOnly()
  @HttpCode(200)
  @ApiZodBody(reviewPairBatch)
  ingest(@Body(new ZodPipe(reviewPairBatch)) body: z.output<typeof reviewPairBatch>): Promise<ReviewPairIngestResult> {
    return this.pairs.ingestShadow(body.pairs);
  }
}
