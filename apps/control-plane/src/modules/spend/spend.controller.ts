import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { performanceQuery, spendQuery, type PerformanceQuery, type SpendQuery } from '@switchyard/contracts';
import { READ_SPEND, Roles } from '../../core/auth/access.decorators';
import { ZodPipe } from '../../core/http/zod-validation.pipe';
import { PerformanceService } from './performance.service';
import { spendCsv } from './spend-csv';
import { SpendSummaryService } from './spend-summary.service';
import { SpendService } from './spend.service';

/** Read-only spend views for admins and finance, all from the rollups. */
@ApiTags('spend')
@ApiBearerAuth()
@Controller()
export class SpendController {
  constructor(
    private readonly spend: SpendService,
    private readonly summaries: SpendSummaryService,
    private readonly performance: PerformanceService,
  ) {}

  /** Answers with the JSON text the service writes: a year of points is never parsed and serialised again. */
  @Get('spend')
  @Roles(...READ_SPEND)
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: 'SpendResponse (libs/contracts)' })
  get(@Query(new ZodPipe(spendQuery, 'query')) q: SpendQuery): Promise<string> {
    return this.spend.queryJson(q);
  }

  @Get('spend/export.csv')
  @Roles(...READ_SPEND)
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="switchyard-spend.csv"')
  async csv(@Query(new ZodPipe(spendQuery, 'query')) q: SpendQuery): Promise<string> {
    return spendCsv(await this.spend.query(q));
  }

  @Get('spend/summary')
  @Roles(...READ_SPEND)
  summary() {
    return this.summaries.summary();
  }

  @Get('performance')
  @Roles(...READ_SPEND)
  perf(@Query(new ZodPipe(performanceQuery, 'query')) q: PerformanceQuery) {
    return this.performance.query(q);
  }
}
