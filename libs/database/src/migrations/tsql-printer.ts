import { DataSource, MigrationInterface } from 'typeorm';

import { loadConfig } from '@app/core';

import { buildDataSourceOptions } from '../data-source-options';

export interface PrintedMigration {
  name: string;
  statements: string[];
}

/**
 * The T-SQL each migration's `up` would run on SQL Server, produced without a server: an
 * uninitialised mssql DataSource records the statements instead of sending them (for DBA review).
 */
export async function printMigrationsAsTsql(
  migrations: MigrationInterface[],
  schema: string,
): Promise<PrintedMigration[]> {
  const config = loadConfig({
    DB_TYPE: 'mssql',
    DB_HOST: 'offline',
    DB_USER: 'offline',
    DB_PASSWORD: 'offline',
    DB_SCHEMA: schema,
  });
  const dataSource = new DataSource(buildDataSourceOptions(config));
  const printed: PrintedMigration[] = [];
  for (const migration of migrations) {
    const queryRunner = dataSource.createQueryRunner();
    queryRunner.enableSqlMemory();
    await migration.up(queryRunner);
    const statements = queryRunner.getMemorySql().upQueries.map((q) => q.query);
    queryRunner.disableSqlMemory();
    printed.push({ name: migration.name ?? migration.constructor.name, statements });
  }
  return printed;
}
