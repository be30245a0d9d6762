import { Injectable, Logger } from '@nestjs/common';
import { createModelRequest, SEED_MODELS, SEED_POLICY, SEED_PROVIDERS } from '@switchyard/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PolicyPublisher } from '../policies/policy-publisher';
import { CatalogService } from './catalog.service';
import { ModelEntity } from './model.entity';
import { ProviderEntity } from './provider.entity';

export interface CatalogSeedResult {
  /** True when this start filled an empty catalog. */
  seeded: boolean;
  /** The starter policy's version when this start published it. */
  publishedVersion: number | null;
}

const SEED_ACTOR = 'system';

/**
 * First start: an empty catalog gets the seed providers and models (every provider
 * pointed at `baseUrl` when given — embedded mode's simulated provider), and the
 * starter policy is published as version 1. Runs under the publish lock, so two
 * replicas starting together seed once; on any later start it does nothing.
 */
@Injectable()
export class CatalogSeeder {
  private readonly logger = new Logger('CatalogSeeder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: CatalogService,
    private readonly publisher: PolicyPublisher,
    private readonly audit: AuditService,
  ) {}

  async seedIfEmpty(baseUrl: string | null): Promise<CatalogSeedResult> {
    const result = await this.dataSource.transaction(async (m) => {
      await this.publisher.lock(m);
      const providers = await m.getRepository(ProviderEntity).count();
      const models = await m.getRepository(ModelEntity).count();
      if (providers > 0 || models > 0) return { seeded: false, version: null };
      for (const p of SEED_PROVIDERS) {
        await m.getRepository(ProviderEntity).insert({ name: p.name, baseUrl: baseUrl ?? p.baseUrl, apiKeyEnv: p.apiKeyEnv ?? null });
      }
      const now = new Date();
      for (const model of SEED_MODELS) await this.catalog.insertModel(m, createModelRequest.parse(model), SEED_ACTOR, now);
      await this.audit.record(
        { actor: SEED_ACTOR, action: 'catalog.seed', target: null, details: { providers: SEED_PROVIDERS.map((p) => p.name), models: SEED_MODELS.map((x) => x.id), baseUrl } },
        m,
      );
      if (await this.publisher.latest(m)) return { seeded: true, version: null };
      const version = await this.publisher.publishIn(m, {
        content: SEED_POLICY,
        author: SEED_ACTOR,
        message: 'Starter policy (first start)',
        whenUnchanged: 'publish',
        source: 'seed',
      });
      return { seeded: true, version };
    });
    await this.publisher.announce(result.version);
    if (result.seeded) {
      this.logger.log(`Seeded the catalog (${SEED_MODELS.length} models${baseUrl ? `, every provider at ${baseUrl}` : ''})` + (result.version ? ` and published the starter policy as version ${result.version.version}` : ''));
    }
    return { seeded: result.seeded, publishedVersion: result.version?.version ?? null };
  }
}
