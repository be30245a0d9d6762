import { createHash } from 'node:crypto';
import {
  canonicalJson,
  modelsNamedBy,
  policySnapshot,
  type PolicyContent,
  type PolicySnapshot,
  type SnapshotModel,
  type SnapshotProvider,
} from '@switchyard/contracts';
import type { CatalogData } from '../catalog/catalog-data';

/** The part of a snapshot its hash covers: the routing policy and the catalog data it carries. */
export interface SnapshotContent {
  policy: PolicyContent;
  models: Record<string, SnapshotModel>;
  providers: Record<string, SnapshotProvider>;
}

export interface VersionMeta {
  version: number;
  publishedAt: Date;
  author: string;
  message: string;
}

/**
 * The catalog data a proxy needs to serve a policy with nothing else: every model the
 * policy names plus every other enabled catalog model (a client may name a catalog
 * model directly — DESIGN.md "served as asked"), each with its provider route and
 * all its effective-dated prices (future ones included, so a scheduled price change
 * takes effect at the proxy on time). Keys are inserted in sorted order so the JSON
 * reads the same way every time.
 */
export function snapshotContent(policy: PolicyContent, catalog: CatalogData): SnapshotContent {
  const wanted = new Set(modelsNamedBy(policy));
  for (const m of catalog.models) if (m.enabled) wanted.add(m.id);
  const models: Record<string, SnapshotModel> = {};
  const providers: Record<string, SnapshotProvider> = {};
  const byId = new Map(catalog.models.map((m) => [m.id, m]));
  for (const id of [...wanted].sort()) {
    const m = byId.get(id);
    // A named model missing from the catalog fails validation before this point.
    if (!m) throw new Error(`model "${id}" is not in the catalog`);
    const provider = catalog.providers.get(m.provider);
    if (!provider) throw new Error(`provider "${m.provider}" of model "${id}" is not in the catalog`);
    models[id] = {
      id: m.id,
      provider: m.provider,
      upstreamModel: m.upstreamModel,
      kind: m.kind,
      contextWindow: m.contextWindow,
      prices: [...m.prices].sort((a, b) => Date.parse(a.effectiveFrom) - Date.parse(b.effectiveFrom)),
    };
    providers[provider.name] = { name: provider.name, baseUrl: provider.baseUrl, apiKeyEnv: provider.apiKeyEnv };
  }
  return { policy, models, providers: Object.fromEntries(Object.entries(providers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

/** sha256 of the canonical JSON of `{policy, models, providers}`: equal content, equal hash, whatever the key order. */
export function snapshotHash(content: SnapshotContent): string {
  return createHash('sha256').update(canonicalJson({ policy: content.policy, models: content.models, providers: content.providers })).digest('hex');
}

export function buildSnapshot(meta: VersionMeta, content: SnapshotContent): PolicySnapshot {
  return {
    version: meta.version,
    hash: snapshotHash(content),
    publishedAt: meta.publishedAt.toISOString(),
    author: meta.author,
    message: meta.message,
    policy: content.policy,
    models: content.models,
    providers: content.providers,
  };
}

/**
 * A stored snapshot with its keys in the contract's order again (jsonb keeps its own
 * key order), so API readers and proxies see readable JSON. Values are untouched; a
 * snapshot that no longer parses is returned as stored.
 */
export function orderedSnapshot(stored: PolicySnapshot): PolicySnapshot {
  const r = policySnapshot.safeParse(stored);
  if (!r.success) return stored;
  const sorted = <T>(rec: Record<string, T>) => Object.fromEntries(Object.entries(rec).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...r.data, models: sorted(r.data.models), providers: sorted(r.data.providers) };
}
