import type { EntityManager } from 'typeorm';
import { formatDecimal, parseDecimal } from '@switchyard/pricing';
import type { CatalogEntry, CatalogModel, ModelKind, PricePoint, Provider, SnapshotProvider } from '@switchyard/contracts';
import { ModelPriceEntity } from './model-price.entity';
import { ModelEntity } from './model.entity';
import { ProviderEntity } from './provider.entity';

/** One catalog model with its provider's name and every price row, oldest first. */
export interface CatalogModelData {
  id: string;
  provider: string;
  upstreamModel: string;
  kind: ModelKind;
  contextWindow: number;
  enabled: boolean;
  createdAt: Date;
  prices: PricePoint[];
}

/** The whole catalog as read in one go: what validation and snapshots are built from. */
export interface CatalogData {
  providers: Map<string, SnapshotProvider>;
  models: CatalogModelData[];
}

/**
 * Reads the catalog through the given manager — pass a transaction's manager inside a
 * transaction (PGlite has one connection: the plain repositories would deadlock).
 * One statement: publishing reads the whole catalog under the publish lock, and every
 * round trip there adds to the time until proxies hear of the new version.
 */
export async function loadCatalog(m: EntityManager): Promise<CatalogData> {
  const rows: Array<{ providers: RawProvider[]; models: RawModel[]; prices: RawPrice[] }> = await m.query(`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('name', p.name, 'baseUrl', p.base_url, 'apiKeyEnv', p.api_key_env) ORDER BY p.name), '[]')
         FROM providers p) AS providers,
      (SELECT coalesce(json_agg(json_build_object('id', m.id, 'provider', p.name, 'upstreamModel', m.upstream_model, 'kind', m.kind,
                                                  'contextWindow', m.context_window, 'enabled', m.enabled, 'createdAt', m.created_at) ORDER BY m.id), '[]')
         FROM models m JOIN providers p ON p.id = m.provider_id) AS models,
      -- NUMERIC as text: never through a binary float.
      (SELECT coalesce(json_agg(json_build_object('modelId', x.model_id, 'input', x.input_per_million::text, 'output', x.output_per_million::text,
                                                  'cachedInput', x.cached_input_per_million::text, 'effectiveFrom', x.effective_from) ORDER BY x.model_id, x.effective_from), '[]')
         FROM model_prices x) AS prices`);
  const { providers, models, prices } = rows[0];
  const pricesByModel = new Map<string, PricePoint[]>();
  for (const p of prices) {
    const list = pricesByModel.get(p.modelId) ?? [];
    list.push({
      input: normalizePrice(p.input),
      output: normalizePrice(p.output),
      cachedInput: normalizePrice(p.cachedInput),
      effectiveFrom: new Date(p.effectiveFrom).toISOString(),
    });
    pricesByModel.set(p.modelId, list);
  }
  return {
    providers: new Map(providers.map((p) => [p.name, { name: p.name, baseUrl: p.baseUrl, apiKeyEnv: p.apiKeyEnv }])),
    models: models.map((r) => ({
      id: r.id,
      provider: r.provider,
      upstreamModel: r.upstreamModel,
      kind: r.kind,
      contextWindow: r.contextWindow,
      enabled: r.enabled,
      createdAt: new Date(r.createdAt),
      prices: pricesByModel.get(r.id) ?? [],
    })),
  };
}

/** Rows as json_build_object sends them: timestamps as ISO text. */
type RawProvider = SnapshotProvider;
type RawModel = Omit<CatalogModelData, 'createdAt' | 'prices'> & { createdAt: string };
type RawPrice = PricePoint & { modelId: string };

export function toModelData(r: ModelEntity, prices: PricePoint[]): CatalogModelData {
  return {
    id: r.id,
    provider: r.provider.name,
    upstreamModel: r.upstreamModel,
    kind: r.kind,
    contextWindow: r.contextWindow,
    enabled: r.enabled,
    createdAt: r.createdAt,
    prices,
  };
}

/** What `validatePolicy` needs to know about the catalog. */
export function catalogEntries(catalog: CatalogData): CatalogEntry[] {
  return catalog.models.map((m) => ({ id: m.id, kind: m.kind, enabled: m.enabled }));
}

/**
 * NUMERIC(18,6) comes back as "2.500000": prices travel in their shortest exact form
 * ("2.5"), so equal prices always serialise — and hash — alike.
 */
export function normalizePrice(value: string): string {
  return formatDecimal(parseDecimal(value, 6), 6);
}

export function toPricePoint(p: ModelPriceEntity): PricePoint {
  return {
    input: normalizePrice(p.inputPerMillion),
    output: normalizePrice(p.outputPerMillion),
    cachedInput: normalizePrice(p.cachedInputPerMillion),
    effectiveFrom: p.effectiveFrom.toISOString(),
  };
}

/** The point in force at `at`: the latest that has started, else (all in the future) the earliest. */
export function pointInForce(points: readonly PricePoint[], at: Date): PricePoint {
  if (points.length === 0) throw new Error('a catalog model has no price row');
  let best: PricePoint | null = null;
  for (const p of points) {
    if (Date.parse(p.effectiveFrom) <= at.getTime() && (!best || Date.parse(p.effectiveFrom) > Date.parse(best.effectiveFrom))) best = p;
  }
  return best ?? points.reduce((a, b) => (Date.parse(b.effectiveFrom) < Date.parse(a.effectiveFrom) ? b : a));
}

export function toCatalogModel(m: CatalogModelData, now = new Date()): CatalogModel {
  return {
    id: m.id,
    provider: m.provider,
    upstreamModel: m.upstreamModel,
    kind: m.kind,
    contextWindow: m.contextWindow,
    enabled: m.enabled,
    price: pointInForce(m.prices, now),
    priceHistory: m.prices,
    createdAt: m.createdAt.toISOString(),
  };
}

export function toProvider(p: ProviderEntity): Provider {
  return { id: p.id, name: p.name, baseUrl: p.baseUrl, apiKeyEnv: p.apiKeyEnv, createdAt: p.createdAt.toISOString() };
}
