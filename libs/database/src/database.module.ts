import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';

import { AppConfig } from '@app/core';

import { buildDataSourceOptions } from './data-source-options';
import { Dialect, NOW_SQL } from './dialect';
import { configureSqlTextCache } from './query/sql-text-cache';
import { DatabaseErrorTranslator } from './errors/database-error.translator';
import { SeedOnStart } from './seeding/seed-on-start';
import { SeedRegistry } from './seeding/seed-registry';
import { SeedRunner } from './seeding/seed-runner';
import { TransactionRunner } from './transaction/transaction-runner';

/**
 * TypeORM's own "now" for updated_at on UPDATE is getdate() (server local time) on SQL Server and
 * second-precision datetime('now') on SQLite; both are replaced by the UTC, sub-second NOW_SQL.
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  const dialect: Dialect = options.type === 'mssql' ? 'mssql' : 'sqlite';
  dataSource.driver.mappedDataTypes.updateDateDefault = NOW_SQL[dialect];
  dataSource.driver.mappedDataTypes.createDateDefault = NOW_SQL[dialect];
  return dataSource;
}

/** Provider token of the SQL text cache's set-up (nothing injects it; it runs at boot). */
const SQL_TEXT_CACHE_SETUP = Symbol('sql-text-cache-setup');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions(config),
            autoLoadEntities: true,
            migrationsRun: config.DB_MIGRATIONS_RUN,
            retryAttempts: config.DB_CONNECT_ATTEMPTS - 1,
            retryDelay: 1000,
          }),
          dataSourceFactory: async (options) =>
            createDataSource(options as DataSourceOptions).initialize(),
        }),
      ],
      providers: [
        {
          // Outside production every reuse of a cached SQL text is checked (see sql-text-cache).
          provide: SQL_TEXT_CACHE_SETUP,
          inject: [DataSource, AppConfig],
          useFactory: (dataSource: DataSource, config: AppConfig) =>
            configureSqlTextCache(dataSource, { verify: !config.isProduction }),
        },
        TransactionRunner,
        DatabaseErrorTranslator,
        SeedRegistry,
        SeedRunner,
        SeedOnStart,
      ],
      exports: [TransactionRunner, DatabaseErrorTranslator, SeedRegistry, SeedRunner],
    };
  }
}
