import { z } from 'zod';
import { modelId, modelKind, modelPrices, providerName } from './catalog';

export const bucketName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/, 'must start with a lowercase letter and use only a-z, 0-9, "-" and "_"');

/**
 * A match rule selects a bucket when every condition it names holds (AND); a bucket
 * matches when any of its rules does (OR). Buckets are tried in policy order.
 */
export const matchRule = z
  .strictObject({
    /** Team of the API key that sent the request. */
    team: z.string().min(1).max(128).optional(),
    /** A request header (name case-insensitive) equal to a value. */
    header: z.strictObject({ name: z.string().min(1).max(128), value: z.string().max(512) }).optional(),
    /** The `model` field the client sent, when it names neither a bucket nor a catalog model. */
    model: z.string().min(1).max(200).optional(),
    /** The `user` field of the request starts with this prefix. */
    userPrefix: z.string().min(1).max(256).optional(),
  })
  .refine((r) => Object.keys(r).length > 0, { message: 'a match rule needs at least one condition' });
export type MatchRule = z.infer<typeof matchRule>;

export const routeTarget = z.strictObject({
  model: modelId,
  /** Whole percent of the bucket's traffic; a bucket's weights sum to exactly 100. */
  weight: z.int().min(0).max(100),
});
export type RouteTarget = z.infer<typeof routeTarget>;

export const CACHE_LIMITS = {
  threshold: { min: 0.5, max: 1 },
  ttlSeconds: { min: 1, max: 30 * 24 * 3600 },
  maxTemperature: { min: 0, max: 2 },
} as const;

export const cacheSettings = z.strictObject({
  exact: z.boolean().default(true),
  semantic: z.boolean().default(false),
  /** Cosine similarity at or above which a semantic hit is served. */
  threshold: z.number().default(0.92),
  ttlSeconds: z.int().default(3600),
  /** Requests with a higher temperature are never served from or written to the cache. */
  maxTemperature: z.number().default(1),
  /** Whether responses containing tool calls may be cached. */
  allowToolCalls: z.boolean().default(false),
});
export type CacheSettings = z.infer<typeof cacheSettings>;

export const LIMIT_RANGES = {
  attemptTimeoutMs: { min: 100, max: 600_000 },
  totalBudgetMs: { min: 100, max: 1_800_000 },
  maxAttempts: { min: 1, max: 10 },
  breakerFailures: { min: 1, max: 100 },
  breakerCooldownMs: { min: 100, max: 3_600_000 },
} as const;

export const bucketLimits = z.strictObject({
  /** Time allowed for one upstream attempt, until response headers (or the first chunk). */
  attemptTimeoutMs: z.int().default(30_000),
  /** Time allowed for all attempts of one request together, fallbacks included. */
  totalBudgetMs: z.int().default(60_000),
  /** Upstream attempts per request, first pick and fallbacks together. */
  maxAttempts: z.int().default(3),
  /** Consecutive failures after which a target is skipped for the cool-down. */
  breakerFailures: z.int().default(5),
  breakerCooldownMs: z.int().default(30_000),
});
export type BucketLimits = z.infer<typeof bucketLimits>;

export const SHADOW_RATE_RANGE = { min: 0, max: 1 } as const;

/**
 * Shadow sampling for blind quality review (issue 9): a share of the bucket's
 * successful requests is also sent, after the client has its answer, to a comparison
 * model; both answers become a review pair. Absent means off — optional with no
 * default, so existing policies parse (and hash) exactly as before.
 */
export const shadowSettings = z.strictObject({
  /** Share of the bucket's requests sampled, 0..1 (0.02 = 2%). */
  rate: z.number(),
  /** The comparison model; null compares against the policy's baseline model. */
  model: modelId.nullable().default(null),
});
export type ShadowSettings = z.infer<typeof shadowSettings>;
export type ShadowSettingsInput = z.input<typeof shadowSettings>;

export const bucket = z.strictObject({
  name: bucketName,
  description: z.string().max(500).default(''),
  match: z.array(matchRule).max(50).default([]),
  targets: z.array(routeTarget).min(1, 'a bucket needs at least one target').max(20),
  /** Models tried in this order when the picked target fails. */
  fallbacks: z.array(modelId).max(10).default([]),
  cache: cacheSettings.prefault({}),
  limits: bucketLimits.prefault({}),
  shadow: shadowSettings.optional(),
});
export type Bucket = z.infer<typeof bucket>;
export type BucketInput = z.input<typeof bucket>;

/** What an admin edits: the routing policy without catalog data. */
export const policyContent = z.strictObject({
  defaultBucket: bucketName,
  /** Savings are measured against this model's prices. */
  baselineModel: modelId,
  /** Embeddings model for the semantic cache; null selects the built-in local embedder. */
  embeddingModel: modelId.nullable().default(null),
  buckets: z.array(bucket).min(1, 'a policy needs at least one bucket').max(100),
});
export type PolicyContent = z.infer<typeof policyContent>;
export type PolicyContentInput = z.input<typeof policyContent>;

/** Everything a proxy needs about a model named by a policy. */
export const snapshotModel = z.strictObject({
  id: modelId,
  provider: providerName,
  upstreamModel: z.string().min(1),
  kind: modelKind,
  contextWindow: z.int().min(1),
  /** Effective-dated prices, oldest first; the proxy prices at the point in force. */
  prices: z.array(modelPrices.extend({ effectiveFrom: z.string() })).min(1),
});
export type SnapshotModel = z.infer<typeof snapshotModel>;

export const snapshotProvider = z.strictObject({
  name: providerName,
  baseUrl: z.string().min(1),
  apiKeyEnv: z.string().nullable(),
});
export type SnapshotProvider = z.infer<typeof snapshotProvider>;

/** An immutable published policy version, self-contained for proxies. */
export const policySnapshot = z.strictObject({
  version: z.int().min(1),
  /** sha256 of the canonical JSON of `policy`, `models` and `providers`. */
  hash: z.string().regex(/^[a-f0-9]{64}$/),
  publishedAt: z.string(),
  author: z.string(),
  message: z.string(),
  policy: policyContent,
  models: z.record(z.string(), snapshotModel),
  providers: z.record(z.string(), snapshotProvider),
});
export type PolicySnapshot = z.infer<typeof policySnapshot>;

export interface PolicyDraft {
  id: string;
  name: string;
  /** Live version the draft was started from, if any. */
  baseVersion: number | null;
  content: PolicyContentInput;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

export const createDraftRequest = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  /** Start from this content; when omitted the draft copies the live version. */
  content: z.unknown().optional(),
});
export const updateDraftRequest = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  content: z.unknown(),
});
export const publishDraftRequest = z.strictObject({
  message: z.string().min(1, 'say what changed and why').max(2000),
});
export const rollbackRequest = z.strictObject({
  message: z.string().max(2000).optional(),
});

export interface PolicyVersionSummary {
  version: number;
  hash: string;
  author: string;
  message: string;
  publishedAt: string;
  /** Set when this version republished an earlier version's content. */
  rolledBackFrom: number | null;
}

export interface PolicyVersionDetail extends PolicyVersionSummary {
  snapshot: PolicySnapshot;
}
