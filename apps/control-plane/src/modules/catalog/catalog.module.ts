import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { CatalogSeeder } from './catalog-seed';
import { CatalogService } from './catalog.service';
import { ModelsController } from './models.controller';
import { ProvidersController } from './providers.controller';

/** Catalog changes republish the live policy, hence the PoliciesModule import (policies only read catalog tables). */
@Module({ imports: [PoliciesModule], controllers: [ProvidersController, ModelsController], providers: [CatalogService, CatalogSeeder], exports: [CatalogService, CatalogSeeder] })
export class CatalogModule {}
