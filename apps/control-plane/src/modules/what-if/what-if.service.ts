import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { validatePolicy, type CatalogEntry, type ModelPrices, type PolicyContent, type PricePoint, type WhatIfResponse, whatIfRequest } from '@switchyard/contracts';
import { priceAt } from '@switchyard/pricing';
import type { z } from 'zod';
import { validationError } from '../../core/http/zod-validation.pipe';
import { daysInclusive } from '../rollups/days';
import { checkRange } from '../spend/spend-sql';
import { simulate, WHAT_IF_METHOD, type ObservedUsage } from './what-if-math';

type WhatIfInput = z.output<typeof whatIfRequest>;

interface CatalogRow {
  id: string;
  kind: CatalogEntry['kind'];
  enabled: boolean;
  effective_from: Date | null;
  input: string | null;
  output: string | null;
  cached: string | null;
}

/** POST /what-if: a draft (or a published version) replayed over a range of real usage. */
@Injectable()
export class WhatIfService {
  constructor(private readonly dataSource: DataSource) {}

  async run(req: WhatIfInput, now = Date.now()): Promise<WhatIfResponse> {
    checkRange(req.from, req.to);
    const content = req.policy ?? (await this.versionContent(req.version!));
    const { catalog, prices } = await this.catalog(now);
    const checked = validatePolicy(content, catalog);
    if (!checked.ok) {
      throw validationError('The policy cannot be simulated', checked.issues.map((i) => ({ path: `policy.${i.path}`, message: i.message })));
    }
    const policy = checked.policy;
    const unpriced = policy.buckets.flatMap((b) => b.targets).filter((t) => !prices.has(t.model));
    if (unpriced.length > 0) {
      throw validationError('The policy cannot be simulated', unpriced.map((t) => ({ path: 'policy', message: `${t.model} has no price in the catalog` })));
    }
    const days = daysInclusive(req.from, req.to);
    const sim = simulate(policy, await this.observed(req.from, req.to), prices, days, new Set(catalog.map((c) => c.id)));
    return { from: req.from, to: req.to, days, ...sim, method: WHAT_IF_METHOD };
  }

  private async versionContent(version: number): Promise<PolicyContent> {
    const rows: Array<{ snapshot: { policy: PolicyContent } }> = await this.dataSource.query('SELECT snapshot FROM policy_versions WHERE version = $1', [version]);
    if (rows.length === 0) throw new NotFoundException(`No published policy version ${version}.`);
    return rows[0].snapshot.policy;
  }

  /** Catalog models with the price each has now (read-only use of the catalog's tables). */
  private async catalog(now: number): Promise<{ catalog: CatalogEntry[]; prices: Map<string, ModelPrices> }> {
    const rows: CatalogRow[] = await this.dataSource.query(
      `SELECT m.id, m.kind, m.enabled, p.effective_from, p.input_per_million::text AS input,
              p.output_per_million::text AS output, p.cached_input_per_million::text AS cached
       FROM models m LEFT JOIN model_prices p ON p.model_id = m.id`,
    );
    const entries = new Map<string, CatalogEntry>();
    const points = new Map<string, PricePoint[]>();
    for (const r of rows) {
      entries.set(r.id, { id: r.id, kind: r.kind, enabled: r.enabled });
      if (r.effective_from && r.input !== null && r.output !== null && r.cached !== null) {
        const list = points.get(r.id) ?? [];
        list.push({ effectiveFrom: new Date(r.effective_from).toISOString(), input: r.input, output: r.output, cachedInput: r.cached });
        points.set(r.id, list);
      }
    }
    const prices = new Map<string, ModelPrices>();
    for (const [id, list] of points) prices.set(id, priceAt(list, now));
    return { catalog: [...entries.values()], prices };
  }

  private async observed(from: string, to: string): Promise<ObservedUsage[]> {
    const rows: Array<Record<string, string>> = await this.dataSource.query(
      `SELECT bucket, team, sum(requests)::bigint AS requests, sum(cost_usd)::text AS cost,
              sum(routed_requests)::bigint AS routed, sum(routed_prompt_tokens)::bigint AS prompt,
              sum(routed_completion_tokens)::bigint AS completion, sum(routed_cached_tokens)::bigint AS cached,
              sum(routed_cost_usd)::text AS routed_cost
       FROM spend_daily WHERE kind = 'production' AND day BETWEEN $1 AND $2
       GROUP BY bucket, team ORDER BY bucket, team`,
      [from, to],
    );
    return rows.map((r) => ({
      bucket: r.bucket,
      team: r.team,
      requests: Number(r.requests),
      costUsd: r.cost,
      routedRequests: Number(r.routed),
      routedTokens: { promptTokens: Number(r.prompt), completionTokens: Number(r.completion), cachedTokens: Number(r.cached) },
      routedCostUsd: r.routed_cost,
    }));
  }
}
