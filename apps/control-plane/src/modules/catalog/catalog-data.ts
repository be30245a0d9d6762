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
 */
export async function loadCatalog(m: EntityManager): Promise<CatalogData> {
  // One after another: a transaction is one connection, which runs one query at a time.
  const providerRows = await m.getRepository(ProviderEntity).find({ order: { name: 'ASC' } });
  const modelRows = await m.getRepository(ModelEntity).find({ order: { id: 'ASC' } });
  const priceRows = await m.getRepository(ModelPriceEntity).find({ order: { modelId: 'ASC', effectiveFrom: 'ASC' } });
  const pricesByModel = new Map<string, PricePoint[]>();
  for (const p of priceRows) {
    const list = pricesByModel.get(p.modelId) ?? [];
    list.push(toPricePoint(p));
    pricesByModel.set(p.modelId, list);
  }
  return {
    providers: new Map(providerRows.map((p) => [p.name, { name: p.name, baseUrl: p.baseUrl, apiKeyEnv: p.apiKeyEnv }])),
    models: modelRows.map((r) => toModelData(r, pricesByModel.get(r.id) ?? [])),
  };
}

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
