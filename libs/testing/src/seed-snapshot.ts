import { createHash } from 'node:crypto';
import {
  canonicalJson,
  policyContent,
  SEED_MODELS,
  SEED_POLICY,
  SEED_PROVIDERS,
  type PolicyContent,
  type PolicyContentInput,
  type PolicySnapshot,
  type SnapshotModel,
  type SnapshotProvider,
} from '@switchyard/contracts';

export interface SnapshotOptions {
  /** Every provider's base URL is replaced by this (the simulated provider). */
  baseUrl: string;
  version?: number;
  policy?: PolicyContentInput;
  /** Extra prices by model id (effective-dated points). */
  prices?: Record<string, SnapshotModel['prices']>;
}

/**
 * A published-policy snapshot built from the seed catalog and starter policy, every
 * provider pointed at the simulated provider — the same data a fresh control plane
 * publishes in embedded mode.
 */
export function buildSnapshot(opts: SnapshotOptions): PolicySnapshot {
  const policy: PolicyContent = policyContent.parse(opts.policy ?? SEED_POLICY);
  const models: Record<string, SnapshotModel> = {};
  for (const m of SEED_MODELS) {
    models[m.id] = {
      id: m.id,
      provider: m.provider,
      upstreamModel: m.upstreamModel ?? m.id.slice(m.id.indexOf('/') + 1),
      kind: m.kind ?? 'chat',
      contextWindow: m.contextWindow,
      prices: opts.prices?.[m.id] ?? [
        { input: m.inputPrice, output: m.outputPrice, cachedInput: m.cachedInputPrice ?? m.inputPrice, effectiveFrom: '2024-01-01T00:00:00.000Z' },
      ],
    };
  }
  const providers: Record<string, SnapshotProvider> = {};
  for (const p of SEED_PROVIDERS) providers[p.name] = { name: p.name, baseUrl: opts.baseUrl, apiKeyEnv: p.apiKeyEnv ?? null };
  const hash = createHash('sha256').update(canonicalJson({ policy, models, providers })).digest('hex');
  return {
    version: opts.version ?? 1,
    hash,
    publishedAt: '2026-01-01T00:00:00.000Z',
    author: 'test',
    message: 'test snapshot',
    policy,
    models,
    providers,
  };
}
