import { Injectable } from '@nestjs/common';
import type { SpendSummary } from '@switchyard/contracts';
import { fromPicoUsd, toPicoUsd } from '@switchyard/pricing';
import { BudgetEvaluator } from '../budgets/budget-evaluator.service';
import { addDays, daysInclusive, monthEnd, monthStart, today } from '../rollups/days';
import { SpendService } from './spend.service';

const FORECAST_DAYS = 7;
const TOP = 5;

export const FORECAST_METHOD =
  `Spend of the month's full days so far + the average daily spend of the last ${FORECAST_DAYS} full days (UTC; days without usage count as $0) × the days left, today included. ` +
  'All traffic, production and evaluation, as budgets count it.';

/**
 * Month to date, a forecast for month end, top models and teams, budget standing.
 * Reads spend_daily_dim only: a handful of rows per day.
 */
@Injectable()
export class SpendSummaryService {
  constructor(
    private readonly spend: SpendService,
    private readonly budgets: BudgetEvaluator,
  ) {}

  async summary(now = Date.now()): Promise<SpendSummary> {
    const t = today(now);
    const first = monthStart(t);
    const [totals] = await this.spend.read<{ mtd: string | null; closed: string | null; recent: string | null }>(
      `SELECT sum(cost_usd) FILTER (WHERE day >= $1)::text AS mtd,
              sum(cost_usd) FILTER (WHERE day >= $1 AND day < $2)::text AS closed,
              sum(cost_usd) FILTER (WHERE day >= $3 AND day < $2)::text AS recent
       FROM spend_daily_dim WHERE dim = 'bucket' AND day >= least($1::date, $3::date) AND day <= $2`,
      [first, t, addDays(t, -FORECAST_DAYS)],
    );
    const pico = (s: string | null) => (s === null ? 0n : toPicoUsd(s));
    const mtd = pico(totals.mtd);
    const daysLeft = BigInt(daysInclusive(t, monthEnd(t)));
    // closed + recent / 7 × daysLeft, rounded half up to the picodollar once, at the end.
    const num = pico(totals.closed) * BigInt(FORECAST_DAYS) + pico(totals.recent) * daysLeft;
    const forecast = (2n * num + BigInt(FORECAST_DAYS)) / (2n * BigInt(FORECAST_DAYS));
    const [topModels, topTeams, budgets] = await Promise.all([this.top('model', first, t), this.top('team', first, t), this.budgets.statuses(now)]);
    return {
      month: first,
      monthToDateUsd: fromPicoUsd(mtd),
      // Never below what is already spent (today may already be above the average).
      forecastMonthEndUsd: fromPicoUsd(forecast > mtd ? forecast : mtd),
      forecastMethod: FORECAST_METHOD,
      topModels: topModels.map((r) => ({ model: r.name, costUsd: r.costUsd, requests: r.requests })),
      topTeams: topTeams.map((r) => ({ team: r.name, costUsd: r.costUsd, requests: r.requests })),
      budgets,
    };
  }

  private async top(dim: 'model' | 'team', from: string, to: string): Promise<Array<{ name: string; costUsd: string; requests: number }>> {
    const rows = await this.spend.read<{ name: string; cost: string; requests: string }>(
      `SELECT value AS name, sum(cost_usd)::text AS cost, sum(requests)::bigint AS requests
       FROM spend_daily_dim WHERE dim = $1 AND day BETWEEN $2 AND $3
       GROUP BY value ORDER BY sum(cost_usd) DESC, value LIMIT ${TOP}`,
      [dim, from, to],
    );
    return rows.map((r) => ({ name: r.name, costUsd: fromPicoUsd(toPicoUsd(r.cost)), requests: Number(r.requests) }));
  }
}
