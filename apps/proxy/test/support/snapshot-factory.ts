import { createHash, randomBytes } from 'node:crypto';
import {
  API_KEY_PREFIX,
  canonicalJson,
  policyContent,
  SEED_MODELS,
  SEED_POLICY,
  SEED_PROVIDERS,
  type PolicyContent,
  type PolicyContentInput,
  type PolicySnapshot,
  type ProxyApiKey,
  type ProxyKeySet,
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

export interface TestKey {
  key: string;
  record: ProxyApiKey;
}

export function makeKey(team: string, defaultBucket: string | null = null): TestKey {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(40);
  let key = API_KEY_PREFIX;
  for (const b of bytes) key += alphabet[b % alphabet.length];
  const hash = createHash('sha256').update(key).digest('hex');
  return { key, record: { id: `key-${team}-${bytes.toString('hex').slice(0, 8)}`, hash, team, defaultBucket } };
}

export function keySet(keys: TestKey[], revision = 'r1'): ProxyKeySet {
  return { revision, keys: keys.map((k) => k.record) };
}
