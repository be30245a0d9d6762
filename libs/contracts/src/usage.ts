import { z } from 'zod';
import { INT4_MAX } from './db-limits';
import { usdAmount } from './money';

export const cacheOutcome = z.enum(['miss', 'exact', 'semantic', 'bypass']);
export type CacheOutcome = z.infer<typeof cacheOutcome>;

/** Production traffic vs evaluation (shadow) traffic, kept apart in spend. */
export const usageKind = z.enum(['production', 'evaluation']);

/**
 * One request through a proxy. `id` is the idempotency key: however often an event is
 * sent or replayed, it is counted once.
 */
export const usageEvent = z.strictObject({
  id: z.uuid(),
  ts: z.iso.datetime({ offset: true }),
  proxyId: z.string().min(1).max(128),
  policyVersion: z.int().min(0).max(INT4_MAX),
  kind: usageKind.default('production'),
  endpoint: z.enum(['chat.completions', 'embeddings']),
  bucket: z.string().min(1).max(64),
  requestedModel: z.string().max(200),
  /** The model that answered; null when no upstream answered. */
  servedModel: z.string().max(200).nullable(),
  apiKeyId: z.string().max(64).nullable(),
  team: z.string().max(128),
  stream: z.boolean(),
  promptTokens: z.int().min(0).max(INT4_MAX),
  completionTokens: z.int().min(0).max(INT4_MAX),
  cachedTokens: z.int().min(0).max(INT4_MAX),
  /** True when the upstream reported no usage and the proxy counted tokens itself. */
  usageEstimated: z.boolean(),
  cache: cacheOutcome,
  costUsd: usdAmount,
  /** What the same tokens would have cost on the policy's baseline model. */
  baselineCostUsd: usdAmount,
  /** For cache hits: what the request would have cost upstream. */
  cacheSavedUsd: usdAmount,
  ttftMs: z.number().min(0).max(86_400_000).nullable(),
  totalMs: z.number().min(0).max(86_400_000),
  /** HTTP status returned to the client. */
  status: z.int().min(100).max(599),
  errorType: z.string().max(128).nullable(),
  attempts: z.int().min(0).max(100),
});
export type UsageEvent = z.infer<typeof usageEvent>;
export type UsageEventInput = z.input<typeof usageEvent>;

export const MAX_USAGE_BATCH = 5000;

export interface UsageIngestResult {
  /** Newly stored events. */
  stored: number;
  /** Events whose id was already stored (replays); not counted again. */
  duplicates: number;
  rejected: Array<{ index: number; id: string | null; reason: string }>;
}
