import { policySnapshot, validatePolicy, type Bucket, type PolicySnapshot, type SnapshotProvider } from '@switchyard/contracts';
import { PriceTable } from '../usage/price-table';

/** A model of the live policy with everything a request needs precomputed. */
export interface CompiledModel {
  id: string;
  kind: 'chat' | 'embedding';
  upstreamModel: string;
  provider: SnapshotProvider;
  /** `https://api.example.com` — the keep-alive pool key. */
  origin: string;
  /** Path of the chat or embeddings endpoint under the provider's base URL. */
  path: string;
  /** `Bearer <key>` from the provider's environment variable; null when it has none. */
  authorization: string | null;
  /** Effective-dated prices, parsed for exact pricing on the hot path. */
  prices: PriceTable;
}

/**
 * A validated policy version in the shape the hot path reads: maps instead of
 * searches, and the `/v1/models` answer serialised once. Immutable: a new version
 * compiles into a new object and replaces the old reference in one assignment.
 */
export interface CompiledPolicy {
  snapshot: PolicySnapshot;
  version: number;
  /** `String(version)`, for the response header. */
  versionHeader: string;
  buckets: Map<string, Bucket>;
  models: Map<string, CompiledModel>;
  /** Ids of the snapshot's models (what `resolveBucket` calls the catalog). */
  catalogIds: Set<string>;
  baseline: CompiledModel;
  /** Body of `GET /v1/models`. */
  modelsList: Buffer;
  /** Providers whose key variable is named but unset on this host (they get no Authorization header). */
  missingKeys: string[];
}

export type CompileResult = { ok: true; policy: CompiledPolicy } | { ok: false; version: number | null; reason: string };

const MAX_REASON = 1900;

/**
 * Checks a snapshot the way the control plane does before publishing (shape, then
 * `validatePolicy` against the snapshot's own models) plus what only a proxy can
 * check (provider routes, URLs), and compiles it. Any problem → a reason for the
 * heartbeat, and the proxy keeps the version it has.
 */
export function compilePolicy(raw: unknown, providerKey: (envName: string) => string | undefined): CompileResult {
  const version = typeof raw === 'object' && raw !== null && Number.isInteger((raw as { version?: unknown }).version) ? (raw as { version: number }).version : null;
  const fail = (reason: string): CompileResult => ({ ok: false, version, reason: reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason });

  const parsed = policySnapshot.safeParse(raw);
  if (!parsed.success) {
    return fail(`invalid snapshot: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const snapshot = parsed.data;
  const catalog = Object.values(snapshot.models).map((m) => ({ id: m.id, kind: m.kind, enabled: true }));
  const validation = validatePolicy(snapshot.policy, catalog);
  if (!validation.ok) return fail(`invalid policy: ${validation.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);

  const models = new Map<string, CompiledModel>();
  const missingKeys = new Set<string>();
  for (const [key, m] of Object.entries(snapshot.models)) {
    if (key !== m.id) return fail(`models.${key}: keyed under a different id than its own ("${m.id}")`);
    const provider = snapshot.providers[m.provider];
    if (!provider) return fail(`models.${key}.provider: provider "${m.provider}" is not in the snapshot`);
    let url: URL;
    try {
      url = new URL(provider.baseUrl);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    } catch {
      return fail(`providers.${m.provider}.baseUrl: "${provider.baseUrl}" is not an http(s) URL`);
    }
    let authorization: string | null = null;
    if (provider.apiKeyEnv) {
      const secret = providerKey(provider.apiKeyEnv);
      if (secret) authorization = `Bearer ${secret}`;
      else missingKeys.add(`${provider.name} (${provider.apiKeyEnv})`);
    }
    const base = url.pathname.replace(/\/+$/, '');
    models.set(m.id, {
      id: m.id,
      kind: m.kind,
      upstreamModel: m.upstreamModel,
      provider,
      origin: url.origin,
      path: `${base}${m.kind === 'embedding' ? '/embeddings' : '/chat/completions'}`,
      authorization,
      prices: new PriceTable(m.prices),
    });
  }
  const baseline = models.get(snapshot.policy.baselineModel);
  if (!baseline) return fail(`baselineModel: "${snapshot.policy.baselineModel}" is not in the snapshot's models`);

  const buckets = new Map(snapshot.policy.buckets.map((b) => [b.name, b]));
  const created = Math.floor(Date.parse(snapshot.publishedAt) / 1000) || 0;
  const data = [
    ...[...models.values()].map((m) => ({ id: m.id, object: 'model', created, owned_by: m.provider.name })),
    ...[...buckets.keys()].map((name) => ({ id: name, object: 'model', created, owned_by: 'switchyard' })),
  ];
  return {
    ok: true,
    policy: {
      snapshot,
      version: snapshot.version,
      versionHeader: String(snapshot.version),
      buckets,
      models,
      catalogIds: new Set(models.keys()),
      baseline,
      modelsList: Buffer.from(JSON.stringify({ object: 'list', data })),
      missingKeys: [...missingKeys],
    },
  };
}
