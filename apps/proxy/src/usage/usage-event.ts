import { randomUUID } from 'node:crypto';
import type { CacheOutcome, ProxyApiKey, UsageEvent } from '@switchyard/contracts';
import type { TokenCounts } from '@switchyard/pricing';
import type { CompiledModel, CompiledPolicy } from '../policy/compiled-policy';

export const NO_TOKENS: TokenCounts = Object.freeze({ promptTokens: 0, completionTokens: 0, cachedTokens: 0 });

export interface Cost {
  costUsd: string;
  baselineCostUsd: string;
}

export const ZERO_COST: Cost = Object.freeze({ costUsd: '0.00', baselineCostUsd: '0.00' });

/**
 * Exact cost of the tokens at the served model's price in force at request time, and
 * the same tokens at the baseline model's price. Embeddings have no chat baseline:
 * their baseline is their own cost, so they show no invented saving.
 */
export function priceTokens(live: CompiledPolicy, served: CompiledModel, tokens: TokenCounts, atMs: number): Cost {
  const cost = served.prices.costUsd(tokens, atMs);
  if (served.kind === 'embedding') return { costUsd: cost, baselineCostUsd: cost };
  const baseline = served === live.baseline ? cost : live.baseline.prices.costUsd(tokens, atMs);
  return { costUsd: cost, baselineCostUsd: baseline };
}

export interface RequestRecord {
  endpoint: UsageEvent['endpoint'];
  live: CompiledPolicy;
  bucket: string;
  requestedModel: string;
  served: CompiledModel | null;
  key: ProxyApiKey;
  stream: boolean;
  tokens: TokenCounts;
  usageEstimated: boolean;
  cache: CacheOutcome;
  cacheSavedUsd: string;
  cost: Cost;
  /** Epoch ms at request start (the event's time and the pricing time). */
  startedAtMs: number;
  totalMs: number;
  ttftMs: number | null;
  status: number;
  errorType: string | null;
  attempts: number;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function buildUsageEvent(r: RequestRecord, proxyId: string): UsageEvent {
  return {
    id: randomUUID(),
    ts: new Date(r.startedAtMs).toISOString(),
    proxyId,
    policyVersion: r.live.version,
    kind: 'production',
    endpoint: r.endpoint,
    bucket: r.bucket,
    requestedModel: r.requestedModel.slice(0, 200),
    servedModel: r.served ? r.served.id : null,
    apiKeyId: r.key.id,
    team: r.key.team,
    stream: r.stream,
    promptTokens: r.tokens.promptTokens,
    completionTokens: r.tokens.completionTokens,
    cachedTokens: Math.min(r.tokens.cachedTokens, r.tokens.promptTokens),
    usageEstimated: r.usageEstimated,
    cache: r.cache,
    costUsd: r.cost.costUsd,
    baselineCostUsd: r.cost.baselineCostUsd,
    cacheSavedUsd: r.cacheSavedUsd,
    ttftMs: r.ttftMs === null ? null : round(r.ttftMs),
    totalMs: round(r.totalMs),
    status: r.status,
    errorType: r.errorType,
    attempts: r.attempts,
  };
}
