import type { PerformanceQueryInput } from '@switchyard/api-client';
import type { SpendQueryInput } from '@switchyard/contracts';

/** Query keys shared by every hook, so a mutation invalidates exactly what it changed. */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  spend: (q: SpendQueryInput) => ['spend', 'series', q] as const,
  spendAll: ['spend'] as const,
  spendSummary: ['spend', 'summary'] as const,
  performance: (q: PerformanceQueryInput) => ['performance', q] as const,
  providers: ['catalog', 'providers'] as const,
  models: ['catalog', 'models'] as const,
  livePolicy: ['policies', 'live'] as const,
  versions: ['policies', 'versions'] as const,
  version: (v: number) => ['policies', 'versions', v] as const,
  diff: (from: string | number, to: string | number) => ['policies', 'diff', String(from), String(to)] as const,
  drafts: ['policies', 'drafts'] as const,
  draft: (id: string) => ['policies', 'drafts', id] as const,
  policiesAll: ['policies'] as const,
  whatIf: (key: string) => ['what-if', key] as const,
  fleet: ['fleet'] as const,
  rollouts: ['rollouts', 'list'] as const,
  rollout: (id: string) => ['rollouts', 'detail', id] as const,
  rolloutsAll: ['rollouts'] as const,
  keys: ['keys'] as const,
  budgets: ['budgets', 'list'] as const,
  budgetStatus: ['budgets', 'status'] as const,
  budgetsAll: ['budgets'] as const,
  alerts: ['alerts'] as const,
};
