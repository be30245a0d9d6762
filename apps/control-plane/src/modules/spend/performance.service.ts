import { Injectable } from '@nestjs/common';
import type { PerformancePoint, PerformanceQuery } from '@switchyard/contracts';
import { percentile, type Histogram } from '../rollups/histogram';
import { decimalRatio } from './spend-math';
import { checkRange, periodSql } from './spend-sql';
import { SpendService } from './spend.service';

/**
 * Latency, time to first token, error and cache-hit rates per period × bucket or
 * model, production traffic. Percentiles come from histograms merged across the
 * period's days in SQL (counts added per bucket), so a month's p95 is the p95 of the
 * month's requests, not an average of daily p95s.
 */
@Injectable()
export class PerformanceService {
  constructor(private readonly spend: SpendService) {}

  async query(q: PerformanceQuery): Promise<{ series: PerformancePoint[] }> {
    checkRange(q.from, q.to);
    const period = periodSql(q.granularity);
    const where = `dim = $1 AND kind = 'production' AND day BETWEEN $2 AND $3`;
    const params = [q.groupBy, q.from, q.to];
    const histSql = (col: string) =>
      `SELECT ${period} AS period, value AS grp, h.k, sum(h.n::bigint)::bigint AS n
       FROM spend_daily_dim, jsonb_each_text(${col}) AS h(k, n)
       WHERE ${where} GROUP BY 1, 2, 3`;
    const [totals, latency, ttft] = await Promise.all([
      this.spend.read<{ period: string; grp: string; requests: string; errors: string; hits: string }>(
        `SELECT ${period} AS period, value AS grp, sum(requests)::bigint AS requests, sum(errors)::bigint AS errors, sum(cache_hits)::bigint AS hits
         FROM spend_daily_dim WHERE ${where} GROUP BY 1, 2 ORDER BY 1, 2`,
        params,
      ),
      this.spend.read<{ period: string; grp: string; k: string; n: string }>(histSql('latency_hist'), params),
      this.spend.read<{ period: string; grp: string; k: string; n: string }>(histSql('ttft_hist'), params),
    ]);
    const collect = (rows: Array<{ period: string; grp: string; k: string; n: string }>) => {
      const out = new Map<string, Histogram>();
      for (const r of rows) {
        const key = `${r.period}\u0000${r.grp}`;
        let h = out.get(key);
        if (!h) out.set(key, (h = {}));
        h[r.k] = (h[r.k] ?? 0) + Number(r.n);
      }
      return out;
    };
    const lat = collect(latency);
    const tt = collect(ttft);
    return {
      series: totals.map((r) => {
        const key = `${r.period}\u0000${r.grp}`;
        const l = lat.get(key) ?? {};
        const f = tt.get(key) ?? {};
        return {
          period: r.period,
          group: r.grp,
          requests: Number(r.requests),
          errorRate: decimalRatio(BigInt(r.errors), BigInt(r.requests)),
          cacheHitRate: decimalRatio(BigInt(r.hits), BigInt(r.requests)),
          latencyP50Ms: percentile(l, 0.5),
          latencyP95Ms: percentile(l, 0.95),
          ttftP50Ms: percentile(f, 0.5),
          ttftP95Ms: percentile(f, 0.95),
        };
      }),
    };
  }
}
