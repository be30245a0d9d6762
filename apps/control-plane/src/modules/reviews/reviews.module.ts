import { Module } from '@nestjs/common';
import { BlindReviewService } from './blind-review.service';
import { ProxyReviewPairsController } from './proxy-review-pairs.controller';
import { ReviewPairsService } from './review-pairs.service';
import { ReviewResultsService } from './results/review-results.service';
import { ReviewsController } from './reviews.controller';

/** Blind quality review tied to routing decisions (issue 9). */
@Module({
  controllers: [ReviewsController, ProxyReviewPairsController],
  providers: [ReviewPairsService, BlindReviewService, ReviewResultsService],
})
export class ReviewsModule {}
