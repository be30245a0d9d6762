import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { createModelRequest, updateModelRequest, type CatalogModel, type CreateProviderRequest, type Provider } from '@switchyard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { validationError } from '../../core/http/zod-validation.pipe';
import { AuditService } from '../audit/audit.service';
import { PolicyPublisher } from '../policies/policy-publisher';
import { loadCatalog, toCatalogModel, toModelData, toPricePoint, toProvider } from './catalog-data';
import { ModelPriceEntity } from './model-price.entity';
import { ModelEntity } from './model.entity';
import { usesOfModel } from './model-usage';
import { ProviderEntity } from './provider.entity';

type CreateModel = z.output<typeof createModelRequest>;
type UpdateModel = z.output<typeof updateModelRequest>;

/** A price may start a little before "now" as the server sees it (clock skew), never earlier. */
const BACKDATE_TOLERANCE_MS = 60_000;

/**
 * Providers and models with effective-dated prices. A change that alters what the live
 * policy's snapshot would contain (a price, a model enabled or disabled, a new model)
 * republishes the live policy as a new version in the same transaction, so proxies
 * route and price exactly by the catalog.
 */
@Injectable()
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly publisher: PolicyPublisher,
  ) {}

  async providers(): Promise<Provider[]> {
    const rows = await this.dataSource.getRepository(ProviderEntity).find({ order: { name: 'ASC' } });
    return rows.map(toProvider);
  }

  async createProvider(req: CreateProviderRequest, actor: string): Promise<Provider> {
    const row = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(ProviderEntity);
      if (await repo.existsBy({ name: req.name })) throw new ConflictException(`A provider named "${req.name}" already exists.`);
      const saved = await repo.save({ name: req.name, baseUrl: req.baseUrl, apiKeyEnv: req.apiKeyEnv ?? null });
      await this.audit.record({ actor, action: 'provider.create', target: saved.name, details: { baseUrl: saved.baseUrl, apiKeyEnv: saved.apiKeyEnv } }, m);
      return saved;
    });
    return toProvider(row);
  }

  async models(): Promise<CatalogModel[]> {
    const catalog = await loadCatalog(this.dataSource.manager);
    const now = new Date();
    return catalog.models.map((m) => toCatalogModel(m, now));
  }

  async createModel(req: CreateModel, actor: string): Promise<CatalogModel> {
    const { model, version } = await this.dataSource.transaction(async (m) => {
      await this.publisher.lock(m);
      await this.insertModel(m, req, actor, new Date());
      await this.audit.record({ actor, action: 'model.create', target: req.id, details: { ...req } }, m);
      const version = await this.publisher.refreshLiveIn(m, actor, `catalog: added model ${req.id}`);
      return { model: await this.readModel(m, req.id), version };
    });
    await this.publisher.announce(version);
    return model;
  }

  /** Adds a model and its first price row; used by the API and the first-start seed. */
  async insertModel(m: EntityManager, req: CreateModel, actor: string, effectiveFrom: Date): Promise<void> {
    const provider = await m.getRepository(ProviderEntity).findOneBy({ name: req.provider });
    if (!provider) throw validationError('Invalid request body', [{ path: 'provider', message: `no provider is named "${req.provider}"; create it first (POST /providers)` }]);
    if (await m.getRepository(ModelEntity).existsBy({ id: req.id })) throw new ConflictException(`A model with id "${req.id}" already exists.`);
    const slash = req.id.indexOf('/');
    await m.getRepository(ModelEntity).insert({
      id: req.id,
      providerId: provider.id,
      upstreamModel: req.upstreamModel ?? (slash >= 0 ? req.id.slice(slash + 1) : req.id),
      kind: req.kind,
      contextWindow: req.contextWindow,
      enabled: req.enabled,
    });
    await m.getRepository(ModelPriceEntity).insert({
      modelId: req.id,
      effectiveFrom,
      inputPerMillion: req.inputPrice,
      outputPerMillion: req.outputPrice,
      // Providers without a cached-input discount charge cached tokens as input.
      cachedInputPerMillion: req.cachedInputPrice ?? req.inputPrice,
      createdBy: actor,
    });
  }

  async updateModel(id: string, req: UpdateModel, actor: string): Promise<CatalogModel> {
    const { model, version } = await this.dataSource.transaction(async (m) => {
      await this.publisher.lock(m);
      const row = await m.getRepository(ModelEntity).findOneBy({ id });
      if (!row) throw new NotFoundException(`No model with id "${id}" (URL-encode the "/", e.g. openai%2Fgpt-4o).`);
      const changes: string[] = [];
      if (req.enabled !== undefined && req.enabled !== row.enabled) {
        if (!req.enabled) await this.refuseIfLiveUses(m, id);
        row.enabled = req.enabled;
        changes.push(req.enabled ? 'enabled' : 'disabled');
      }
      if (req.contextWindow !== undefined && req.contextWindow !== row.contextWindow) {
        row.contextWindow = req.contextWindow;
        changes.push(`context window ${req.contextWindow}`);
      }
      await m.getRepository(ModelEntity).save(row);
      if (req.price) changes.push(await this.addPrice(m, id, req.price, actor));
      if (changes.length > 0) await this.audit.record({ actor, action: 'model.update', target: id, details: { ...req, changes } }, m);
      const version = changes.length > 0 ? await this.publisher.refreshLiveIn(m, actor, `catalog: ${id} ${changes.join(', ')}`) : null;
      return { model: await this.readModel(m, id), version };
    });
    await this.publisher.announce(version);
    return model;
  }

  /** Adds an effective-dated price row (history is never rewritten); returns a description for the audit and version message. */
  private async addPrice(m: EntityManager, id: string, price: NonNullable<UpdateModel['price']>, actor: string): Promise<string> {
    const now = Date.now();
    const from = price.effectiveFrom ? new Date(price.effectiveFrom) : new Date(now);
    if (from.getTime() < now - BACKDATE_TOLERANCE_MS) {
      throw validationError('Invalid request body', [
        { path: 'price.effectiveFrom', message: 'must not be in the past: requests already served keep the price they had' },
      ]);
    }
    const repo = m.getRepository(ModelPriceEntity);
    if (await repo.existsBy({ modelId: id, effectiveFrom: from })) {
      throw new ConflictException(`Model "${id}" already has a price starting at ${from.toISOString()}; prices are never rewritten — pick another start time.`);
    }
    const row = repo.create({
      modelId: id,
      effectiveFrom: from,
      inputPerMillion: price.input,
      outputPerMillion: price.output,
      cachedInputPerMillion: price.cachedInput ?? price.input,
      createdBy: actor,
    });
    await repo.insert(row);
    const p = toPricePoint({ ...row, effectiveFrom: from } as ModelPriceEntity);
    return `price ${p.input} in / ${p.output} out / ${p.cachedInput} cached per 1M tokens from ${p.effectiveFrom}`;
  }

  /** Disabling a model the live policy routes to would leave proxies with nothing to call. */
  private async refuseIfLiveUses(m: EntityManager, id: string): Promise<void> {
    const live = await this.publisher.latest(m);
    if (!live) return;
    const uses = usesOfModel(live.snapshot.policy, id);
    if (uses.length === 0) return;
    throw new ConflictException(
      `"${id}" is used by the live policy (version ${live.version}): ${uses.join(', ')}. Publish a policy that no longer uses it, then disable it.`,
    );
  }

  private async readModel(m: EntityManager, id: string): Promise<CatalogModel> {
    const row = await m.getRepository(ModelEntity).findOneByOrFail({ id });
    const prices = await m.getRepository(ModelPriceEntity).find({ where: { modelId: id }, order: { effectiveFrom: 'ASC' } });
    return toCatalogModel(toModelData(row, prices.map(toPricePoint)));
  }
}
