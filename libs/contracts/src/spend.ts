import { z } from 'zod';
import { INT4_MAX } from './db-limits';
import { usdAmount } from './money';
import { policyContent } from './policy';

const day = z.iso.date({ error: 'must be a date like 2026-11-01' });
const csv = z
  .string()
  .max(2000)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const spendGroupBy = z.enum(['bucket', 'model', 'team']);
export type SpendGroupBy = z.infer<typeof spendGroupBy>;
export const granularity = z.enum(['day', 'week', 'month']);
export type Granularity = z.infer<typeof granularity>;

/** Query of `GET /spend` and `GET /spend/export.csv` (dates are UTC days, `to` inclusive). */
export const spendQuery = z.strictObject({
  from: day,
  to: day,
  groupBy: spendGroupBy.default('bucket'),
  granularity: granularity.default('day'),
  bucket: csv.optional(),
  model: csv.optional(),
  team: csv.optional(),
  kind: z.enum(['production', 'evaluation']).default('production'),
});
export type SpendQuery = z.infer<typeof spendQuery>;
export type SpendQueryInput = z.input<typeof spendQuery>;

export interface SpendPoint {
  /** First day of the period (YYYY-MM-DD). */
  period: string;
  group: string;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheHits: number;
  costUsd: string;
  baselineCostUsd: string;
  cacheSavedUsd: string;
}

export interface SpendTotals {
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  cacheHits: number;
  /** cacheHits / requests as a decimal string with 4 places; null with no requests. */
  cacheHitRate: string | null;
  costUsd: string;
  baselineCostUsd: string;
  /** baseline − actual (routing's saving, cache excluded). */
  savingsVsBaselineUsd: string;
  /** savingsVsBaselineUsd / baselineCostUsd, 4 decimal places; null when the baseline is 0. */
  savingsVsBaselinePct: string | null;
  /** What cache hits would have cost upstream. */
  cacheSavedUsd: string;
  /** Requests that had tokens but a zero cost: a missing price, shown rather than hidden. */
  unpricedRequests: number;
}

export interface SpendResponse {
  query: SpendQuery;
  series: SpendPoint[];
  /** Per group totals, highest cost first. */
  groups: Array<SpendTotals & { group: string }>;
  totals: SpendTotals;
}

export interface SpendSummary {
  /** First day of the current month .. today (UTC). */
  month: string;
  monthToDateUsd: string;
  forecastMonthEndUsd: string;
  /** Plain words for how the forecast is made. */
  forecastMethod: string;
  topModels: Array<{ model: string; costUsd: string; requests: number }>;
  topTeams: Array<{ team: string; costUsd: string; requests: number }>;
  budgets: BudgetStatus[];
}

export const performanceQuery = z.strictObject({
  from: day,
  to: day,
  groupBy: z.enum(['bucket', 'model']).default('bucket'),
  granularity: granularity.default('day'),
});
export type PerformanceQuery = z.infer<typeof performanceQuery>;

export interface PerformancePoint {
  period: string;
  group: string;
  requests: number;
  errorRate: string | null;
  cacheHitRate: string | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  ttftP50Ms: number | null;
  ttftP95Ms: number | null;
}

export const whatIfRequest = z
  .strictObject({
    /** Draft content to simulate; or give `version`. */
    policy: policyContent.optional(),
    version: z.int().min(1).max(INT4_MAX).optional(),
    from: day,
    to: day,
  })
  .refine((r) => (r.policy === undefined) !== (r.version === undefined), {
    message: 'give exactly one of policy or version',
  });
export type WhatIfRequest = z.input<typeof whatIfRequest>;

export interface WhatIfBucket {
  bucket: string;
  requests: number;
  actualUsd: string;
  projectedUsd: string;
  actualMonthlyUsd: string;
  projectedMonthlyUsd: string;
}

export interface WhatIfResponse {
  from: string;
  to: string;
  days: number;
  actualUsd: string;
  projectedUsd: string;
  /** Normalised to a 30-day month: total × 30 / days. */
  actualMonthlyUsd: string;
  projectedMonthlyUsd: string;
  /** projected − actual per month (negative = saving). */
  deltaMonthlyUsd: string;
  buckets: WhatIfBucket[];
  method: string;
}

export const budgetRequest = z.strictObject({
  /** null = the overall budget. */
  team: z.string().min(1).max(128).nullable(),
  monthlyUsd: usdAmount,
  /** Percent thresholds that raise an alert, e.g. [50, 80, 100]. */
  thresholds: z.array(z.int().min(1).max(1000)).max(10).default([50, 80, 100]),
  /** Proxies refuse the team's requests (429) once the budget is spent. */
  hardLimit: z.boolean().default(false),
  webhookUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
});
export type BudgetRequest = z.input<typeof budgetRequest>;

export interface Budget {
  id: string;
  team: string | null;
  monthlyUsd: string;
  thresholds: number[];
  hardLimit: boolean;
  webhookUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BudgetStatus {
  budget: Budget;
  month: string;
  spentUsd: string;
  /** spent / budget × 100, 2 decimal places. */
  percent: string;
  crossedThresholds: number[];
  exhausted: boolean;
}

export interface BudgetAlert {
  id: string;
  budgetId: string;
  team: string | null;
  month: string;
  threshold: number;
  spentUsd: string;
  createdAt: string;
  webhookStatus: 'none' | 'pending' | 'delivered' | 'failed';
}
