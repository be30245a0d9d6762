import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Database } from './database';

export const DATABASE = Symbol('DATABASE');

/** Provides the already-opened, migrated DataSource to every module. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(database: Database): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE, useValue: database },
        { provide: DataSource, useValue: database.dataSource },
      ],
      exports: [DATABASE, DataSource],
    };
  }
}
