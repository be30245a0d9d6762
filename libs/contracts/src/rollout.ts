import { z } from 'zod';
import { INT4_MAX } from './db-limits';
import { stableHash } from './stable-hash';

/**
 * Staged rollouts: a new policy version published to a canary share of the proxy
 * fleet, observed against the rest, then promoted to everyone or aborted.
 */

export const ROLLOUT_STATES = ['active', 'promoted', 'aborted', 'superseded'] as const;
export type RolloutState = (typeof ROLLOUT_STATES)[number];

export const rolloutThresholds = z.strictObject({
  /** Canary error rate minus baseline error rate (fractions, 0.05 = five points) that aborts. */
  maxErrorRateDelta: z.number().min(0).max(1).default(0.05),
  /** Canary p95 latency divided by baseline p95 latency that aborts. */
  maxP95LatencyRatio: z.number().min(1).max(1000).default(1.5),
  /** Canary cost per request divided by baseline cost per request that aborts. */
  maxCostPerRequestRatio: z.number().min(1).max(1000).default(1.5),
  /** Requests each cohort needs in the window before a verdict is drawn (no abort on thin data). */
  minRequests: z.int().min(1).max(1_000_000).default(50),
});
export type RolloutThresholds = z.infer<typeof rolloutThresholds>;

export const createRolloutRequest = z
  .strictObject({
    /** Publish this draft as the canary version … */
    draftId: z.uuid().optional(),
    /** … or republish this earlier version's content as the canary version. */
    version: z.int().min(1).max(INT4_MAX).optional(),
    /** Share of proxies (0 < p < 100, hundredths allowed) that run the new version. */
    canaryPercent: z.number().gt(0).lt(100),
    /** Only proxy-based splits: a proxy runs one version at a time, so metrics compare cleanly. */
    by: z.enum(['proxy']).default('proxy'),
    thresholds: rolloutThresholds.prefault({}),
    autoAbort: z.boolean().default(true),
    /** Message of the published version. */
    message: z.string().min(1).max(2000).optional(),
  })
  .refine((r) => (r.draftId === undefined) !== (r.version === undefined), {
    message: 'name exactly one of draftId or version',
    path: ['draftId'],
  });
export type CreateRolloutRequest = z.infer<typeof createRolloutRequest>;
export type CreateRolloutRequestInput = z.input<typeof createRolloutRequest>;

export const endRolloutRequest = z.strictObject({
  reason: z.string().max(2000).optional(),
});
export type EndRolloutRequest = z.infer<typeof endRolloutRequest>;

export interface Rollout {
  id: string;
  state: RolloutState;
  /** The version under test (published when the rollout started). */
  version: number;
  /** The version the rest of the fleet keeps running meanwhile. */
  baselineVersion: number;
  canaryPercent: number;
  by: 'proxy';
  thresholds: RolloutThresholds;
  autoAbort: boolean;
  createdBy: string;
  createdAt: string;
  endedAt: string | null;
  endedBy: string | null;
  /** Why it was aborted (for an automatic abort: which threshold and the figures). */
  endReason: string | null;
  /** On abort: the version that republished the baseline content for everyone. */
  restoredVersion: number | null;
}

/** Request outcomes of one cohort over the rollout window (from the usage events). */
export interface CohortMetrics {
  version: number;
  requests: number;
  errors: number;
  /** errors / requests; null with no requests. */
  errorRate: number | null;
  p95LatencyMs: number | null;
  /** Exact decimal USD; null with no requests. */
  costPerRequestUsd: string | null;
}

export interface RolloutVerdict {
  /** Both cohorts reached `minRequests`. */
  enoughData: boolean;
  /** Every threshold the canary is past, in words with the figures. */
  breaches: string[];
}

export interface RolloutProxy {
  proxyId: string;
  name: string;
  cohort: 'canary' | 'baseline';
  /** The version the control plane assigns to it now. */
  assignedVersion: number;
  appliedVersion: number | null;
  stale: boolean;
}

export interface RolloutDetail extends Rollout {
  window: { from: string; to: string };
  canary: CohortMetrics;
  baseline: CohortMetrics;
  verdict: RolloutVerdict;
  proxies: RolloutProxy[];
  /** Applied version → number of live (not stale) proxies running it: version skew at a glance. */
  versions: Record<string, number>;
}

/** Request header (and `?proxyId=` query) by which a proxy names itself on policy requests. */
export const PROXY_ID_HEADER = 'x-switchyard-proxy-id';

/**
 * A proxy's stable position in [0, 100) — hundredths of a percent — derived from its
 * id alone, so the same proxies form the canary of every rollout of a given size and a
 * proxy's cohort never flips while a rollout runs. FNV-1a with a murmur3 finaliser:
 * pure (the dashboard shows cohorts with it too) and evenly spread for ids that differ
 * only in a trailing number.
 */
export function canaryPosition(proxyId: string): number {
  return (stableHash(proxyId) % 10_000) / 100;
}

export function inCanary(proxyId: string, canaryPercent: number): boolean {
  return canaryPosition(proxyId) < canaryPercent;
}
