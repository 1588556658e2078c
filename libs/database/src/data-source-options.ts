import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';

import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

import type { AppConfig } from '@app/core';

import { MIGRATIONS_GLOB, REPO_ROOT } from './paths';
import { SafeTypeOrmLogger } from './typeorm-logger';

const MIGRATIONS_TABLE = 'migrations';

export function sqlitePath(config: AppConfig): string {
  return isAbsolute(config.DB_SQLITE_PATH) || config.DB_SQLITE_PATH === ':memory:'
    ? config.DB_SQLITE_PATH
    : join(REPO_ROOT, config.DB_SQLITE_PATH);
}

/**
 * Connection settings per dialect. SQL Server follows the standard's §1.2: encrypted,
 * pool of 10 kept + 20 overflow, 30 s acquire timeout, idle connections recycled, connect and
 * request timeouts. (mssql validates a pooled connection before handing it out.)
 */
export function buildDataSourceOptions(config: AppConfig): DataSourceOptions {
  const common = {
    namingStrategy: new SnakeNamingStrategy(),
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: config.DB_LOGGING
      ? ('all' as const)
      : (['error', 'warn', 'migration'] as ('error' | 'warn' | 'migration')[]),
    logger: new SafeTypeOrmLogger(config.DB_LOGGING),
    maxQueryExecutionTime: 1000,
  };

  if (config.DB_TYPE === 'mssql') {
    return {
      ...common,
      type: 'mssql',
      host: config.DB_HOST,
      port: config.DB_PORT,
      username: config.DB_USER,
      password: config.DB_PASSWORD,
      database: config.DB_NAME,
      schema: config.DB_SCHEMA,
      connectionTimeout: config.DB_CONNECT_TIMEOUT_MS,
      requestTimeout: config.DB_REQUEST_TIMEOUT_MS,
      options: {
        encrypt: config.DB_ENCRYPT,
        trustServerCertificate: config.DB_TRUST_SERVER_CERTIFICATE,
        enableArithAbort: true,
        appName: 'quorum',
      },
      pool: {
        min: config.DB_POOL_MIN,
        max: config.DB_POOL_MAX,
        acquireTimeoutMillis: config.DB_POOL_ACQUIRE_TIMEOUT_MS,
        idleTimeoutMillis: config.DB_POOL_IDLE_TIMEOUT_MS,
      },
    };
  }

  const database = sqlitePath(config);
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    enableWAL: true,
    // Waits for a lock held by another process (the CLI, a worker) instead of failing at once.
    timeout: 5000,
  };
}
