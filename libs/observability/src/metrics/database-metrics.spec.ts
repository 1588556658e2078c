import type { AfterQueryEvent, DataSource } from 'typeorm';

import { DatabaseMetrics, poolStatsOf } from './database-metrics';
import { MetricsService } from './metrics.service';

function fakeDataSource(options: Record<string, unknown>, driver: unknown): DataSource {
  return { isInitialized: true, options, driver, subscribers: [] } as unknown as DataSource;
}

describe('poolStatsOf', () => {
  it('reads mssql pools (tarn): borrowed, available, pending, for the primary and each replica', () => {
    const pool = (borrowed: number, available: number, pending: number) => ({
      borrowed,
      available,
      pending,
      config: { pool: { max: 30 } },
    });
    const ds = fakeDataSource(
      { type: 'mssql', pool: { max: 30 } },
      { master: pool(7, 3, 2), slaves: [pool(1, 9, 0)] },
    );
    expect(poolStatsOf(ds)).toEqual([
      { pool: 'primary', inUse: 7, idle: 3, waiting: 2, max: 30 },
      { pool: 'replica0', inUse: 1, idle: 9, waiting: 0, max: 30 },
    ]);
  });

  it('skips a closed mssql pool (its getters throw)', () => {
    const closed = {
      get borrowed(): number {
        throw new TypeError("Cannot read properties of null (reading 'numUsed')");
      },
    };
    expect(poolStatsOf(fakeDataSource({ type: 'mssql' }, { master: closed }))).toEqual([]);
  });

  it('reads SQLite: one connection, in use while a transaction is open', () => {
    const sqlite = (inTransaction: boolean) =>
      fakeDataSource(
        { type: 'better-sqlite3' },
        { databaseConnection: { open: true, inTransaction } },
      );
    expect(poolStatsOf(sqlite(false))).toEqual([
      { pool: 'primary', inUse: 0, idle: 1, waiting: 0, max: 1 },
    ]);
    expect(poolStatsOf(sqlite(true))).toEqual([
      { pool: 'primary', inUse: 1, idle: 0, waiting: 0, max: 1 },
    ]);
  });

  it('is empty before the DataSource is initialised', () => {
    const ds = { isInitialized: false } as unknown as DataSource;
    expect(poolStatsOf(ds)).toEqual([]);
  });
});

describe('DatabaseMetrics.afterQuery', () => {
  const event = (e: Partial<AfterQueryEvent<unknown>>) =>
    ({ query: 'SELECT 1', ...e }) as AfterQueryEvent<unknown>;

  it('subscribes to the DataSource and records completed statements with their duration', async () => {
    const metrics = new MetricsService();
    const ds = fakeDataSource({ type: 'better-sqlite3' }, {});
    const db = new DatabaseMetrics(metrics, ds);
    expect(ds.subscribers).toContain(db);
    db.afterQuery(event({ success: true, executionTime: 3, rawResults: [] }));
    // SQL Server reports a failed statement first as a "success" without results…
    db.afterQuery(
      event({ query: 'UPDATE x', success: true, executionTime: 2, rawResults: undefined }),
    );
    // …then as a failure without a duration: not counted twice.
    db.afterQuery(event({ query: 'UPDATE x', success: false, executionTime: undefined }));
    const text = await metrics.render();
    expect(text).toContain('db_query_duration_seconds_sum{operation="select",outcome="ok"} 0.003');
    expect(text).toContain('db_query_duration_seconds_count{operation="update",outcome="error"} 1');
    expect(text).not.toMatch(/db_query_duration_seconds_count\{operation="update",outcome="ok"\}/);
  });

  it('does nothing without a DataSource (a process without a database)', () => {
    expect(() => new DatabaseMetrics(new MetricsService())).not.toThrow();
  });
});
