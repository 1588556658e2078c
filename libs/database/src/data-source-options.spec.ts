import { loadConfig } from '@app/core';

import { buildDataSourceOptions } from './data-source-options';

describe('buildDataSourceOptions', () => {
  it('gives SQL Server the standard pool, timeouts, encryption and schema', () => {
    const options = buildDataSourceOptions(
      loadConfig({
        DB_TYPE: 'mssql',
        DB_HOST: 'sql.example.net',
        DB_USER: 'quorum',
        DB_PASSWORD: 'x',
        DB_SCHEMA: 'qa',
        DB_TRUST_SERVER_CERTIFICATE: 'false',
      }),
    );
    expect(options).toMatchObject({
      type: 'mssql',
      host: 'sql.example.net',
      port: 1433,
      schema: 'qa',
      connectionTimeout: 15000,
      requestTimeout: 30000,
      options: { encrypt: true, trustServerCertificate: false },
      pool: { min: 10, max: 30, acquireTimeoutMillis: 30000, idleTimeoutMillis: 300000 },
    });
  });

  it('defaults to a WAL-mode SQLite file under data/', () => {
    const options = buildDataSourceOptions(loadConfig({ DB_SQLITE_PATH: ':memory:' }));
    expect(options).toMatchObject({
      type: 'better-sqlite3',
      enableWAL: true,
      database: ':memory:',
    });
  });

  it('uses snake_case names', () => {
    const options = buildDataSourceOptions(loadConfig({ DB_SQLITE_PATH: ':memory:' }));
    expect(options.namingStrategy?.columnName('createdAt', undefined, [])).toBe('created_at');
  });
});
