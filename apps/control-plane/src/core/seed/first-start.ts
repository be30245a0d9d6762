import type { INestApplicationContext } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { randomSecret } from '../auth/password';
import { KeysService } from '../../modules/keys/keys.service';
import { UsersService } from '../../modules/users/users.service';
import { CatalogSeeder, type CatalogSeedResult } from '../../modules/catalog/catalog-seed';

export interface FirstStartResult {
  /** Set only when this start created the first admin with a generated password. */
  generatedAdmin: { email: string; password: string } | null;
  /** Embedded mode's first start: an API key to try the proxy with at once. */
  demoKey: string | null;
  /** What the catalog seed did (null when SEED_CATALOG=false). */
  catalog: CatalogSeedResult | null;
}

/** Seeds what a new installation needs; every step is a no-op once done. */
export async function runFirstStart(app: INestApplicationContext, config: AppConfig): Promise<FirstStartResult> {
  const users = app.get(UsersService);
  let generatedAdmin: FirstStartResult['generatedAdmin'] = null;
  let demoKey: string | null = null;
  if (config.admin) {
    await users.ensureFirstAdmin(config.admin.email, config.admin.password);
  } else if (config.embedded) {
    const candidate = { email: 'admin@switchyard.local', password: randomSecret(18) };
    if (await users.ensureFirstAdmin(candidate.email, candidate.password)) {
      generatedAdmin = candidate;
      demoKey = (await app.get(KeysService).create({ name: 'demo', team: 'demo', defaultBucket: null }, 'system')).key;
    }
  }
  const catalog = config.seedCatalog ? await app.get(CatalogSeeder).seedIfEmpty(config.seedProviderBaseUrl) : null;
  return { generatedAdmin, demoKey, catalog };
}
