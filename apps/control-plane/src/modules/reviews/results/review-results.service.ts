import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { REVIEW_MIN_DECISIVE, type PricePoint, type ReviewResultsQuery, type ReviewResultsResponse, type ReviewTokens } from '@switchyard/contracts';
import { summariseResults, type JudgedPair } from './summarise-results';

interface PairStatsRow {
  bucket: string;
  candidate_model: string;
  baseline_model: string;
  ts: Date;
  candidate_usage: ReviewTokens | null;
  baseline_usage: ReviewTokens | null;
  prompt_chars: number;
  prompt_messages: number;
  candidate_chars: number;
  baseline_chars: number;
  candidate: number;
  baseline: number;
  tie: number;
}

interface PriceRow {
  model_id: string;
  effective_from: Date;
  input_per_million: string;
  output_per_million: string;
  cached_input_per_million: string;
}

/**
 * Results for admins and finance. Reads its own tables plus the catalog's price
 * history (read-only) to put the cost difference next to the verdict.
 */
@Injectable()
export class ReviewResultsService {
  constructor(private readonly dataSource: DataSource) {}

  async results(q: ReviewResultsQuery): Promise<ReviewResultsResponse> {
    // Days are UTC; `to` is inclusive, so the bound is the start of the next day.
    const from = q.from ? `${q.from}T00:00:00Z` : null;
    const toExclusive = q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000).toISOString() : null;
    const rows = (await this.dataSource.query(
      `SELECT p.bucket, p.candidate_model, p.baseline_model, p.ts, p.candidate_usage, p.baseline_usage,
              (SELECT coalesce(sum(length(m->>'content')), 0) FROM jsonb_array_elements(p.prompt) m)::int AS prompt_chars,
              jsonb_array_length(p.prompt) AS prompt_messages,
              length(p.candidate_output) AS candidate_chars, length(p.baseline_output) AS baseline_chars,
              count(*) FILTER (WHERE j.choice = 'candidate')::int AS candidate,
              count(*) FILTER (WHERE j.choice = 'baseline')::int AS baseline,
              count(*) FILTER (WHERE j.choice = 'tie')::int AS tie
       FROM review_pairs p LEFT JOIN review_judgements j ON j.pair_id = p.id
       WHERE ($1::text IS NULL OR p.bucket = $1) AND ($2::timestamptz IS NULL OR p.ts >= $2) AND ($3::timestamptz IS NULL OR p.ts < $3)
       GROUP BY p.id`,
      [q.bucket ?? null, from, toExclusive],
    )) as PairStatsRow[];

    const pairs: JudgedPair[] = rows.map((r) => ({
      bucket: r.bucket,
      candidateModel: r.candidate_model,
      baselineModel: r.baseline_model,
      ts: new Date(r.ts),
      candidateUsage: usage(r.candidate_usage),
      baselineUsage: usage(r.baseline_usage),
      promptChars: r.prompt_chars,
      promptMessages: r.prompt_messages,
      candidateChars: r.candidate_chars,
      baselineChars: r.baseline_chars,
      candidate: r.candidate,
      baseline: r.baseline,
      tie: r.tie,
    }));
    const models = [...new Set(pairs.flatMap((p) => [p.candidateModel, p.baselineModel]))];
    return { from: q.from ?? null, to: q.to ?? null, minDecisive: REVIEW_MIN_DECISIVE, rows: summariseResults(pairs, await this.prices(models), REVIEW_MIN_DECISIVE) };
  }

  private async prices(models: string[]): Promise<Map<string, PricePoint[]>> {
    const out = new Map<string, PricePoint[]>();
    if (models.length === 0) return out;
    const rows = (await this.dataSource.query(
      `SELECT model_id, effective_from, input_per_million, output_per_million, cached_input_per_million
       FROM model_prices WHERE model_id = ANY($1::text[]) ORDER BY effective_from`,
      [models],
    )) as PriceRow[];
    for (const r of rows) {
      const point: PricePoint = {
        effectiveFrom: new Date(r.effective_from).toISOString(),
        input: r.input_per_million,
        output: r.output_per_million,
        cachedInput: r.cached_input_per_million,
      };
      const list = out.get(r.model_id);
      if (list) list.push(point);
      else out.set(r.model_id, [point]);
    }
    return out;
  }
}

/** Stored usage as the pricing code wants it (older rows or JSON null → unknown). */
function usage(u: ReviewTokens | null): ReviewTokens | null {
  if (!u || typeof u !== 'object') return null;
  return { promptTokens: u.promptTokens, completionTokens: u.completionTokens, cachedTokens: u.cachedTokens ?? 0 };
}
