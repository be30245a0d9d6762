import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  judgementRequest,
  reviewResultsQuery,
  type JudgementRequest,
  type JudgementResponse,
  type NextReviewResponse,
  type ReviewImportResult,
  type ReviewResultsQuery,
  type ReviewResultsResponse,
} from '@switchyard/contracts';
import type { Request } from 'express';
import { Roles } from '../../core/auth/access.decorators';
import { actorName, CurrentPrincipal, type Principal } from '../../core/auth/principal';
import { ApiZodBody } from '../../core/http/api-schema';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { BlindReviewService } from './blind-review.service';
import { ImportTooLargeError } from './import/parse-import';
import { readImportText } from './import/read-text-body';
import { ReviewPairsService } from './review-pairs.service';
import { ReviewResultsService } from './results/review-results.service';

/** Blind review: reviewers (and admins) judge; admins import; admins and finance read results. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('reviews')
export class ReviewsController {
  constructor(
    private readonly blind: BlindReviewService,
    private readonly pairs: ReviewPairsService,
    private readonly results: ReviewResultsService,
  ) {}

  /** One pair the caller has not judged, as unlabelled sides a and b, with the caller's progress. */
  @Get('next')
  @Roles('reviewer', 'admin')
  next(@CurrentPrincipal() p: Principal): Promise<NextReviewResponse> {
    return this.blind.next(userId(p));
  }

  @Post(':pairId/judgement')
  @Roles('reviewer', 'admin')
  @ApiZodBody(judgementRequest)
  judge(
    @Param('pairId', new ParseUUIDPipe()) pairId: string,
    @Body(new ZodPipe(judgementRequest)) body: JudgementRequest,
    @CurrentPrincipal() p: Principal,
  ): Promise<JudgementResponse> {
    return this.blind.judge(userId(p), pairId, body);
  }

  /** JSONL upload of offline pairs; every line is reported (accepted, duplicate, or rejected with its reason). */
  @Post('import')
  @Roles('admin')
  @HttpCode(200)
  @ApiConsumes('application/x-ndjson')
  async import(@Req() req: Request, @CurrentPrincipal() p: Principal): Promise<ReviewImportResult> {
    const text = await readImportText(req);
    try {
      return await this.pairs.importJsonl(text, actorName(p));
    } catch (err) {
      if (err instanceof ImportTooLargeError) throw new BadRequestException(err.message);
      throw err;
    }
  }

  @Get('results')
  @Roles('admin', 'finance')
  getResults(@Query(new ZodPipe(reviewResultsQuery, 'query')) q: ReviewResultsQuery): Promise<ReviewResultsResponse> {
    return this.results.results(q);
  }
}

function userId(p: Principal): string {
  if (p.kind !== 'user') throw new Error('review routes are for users only');
  return p.id;
}
