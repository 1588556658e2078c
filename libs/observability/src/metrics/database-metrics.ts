import { Injectable, Optional } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import type { AfterQueryEvent, EntitySubscriberInterface } from 'typeorm';

import { METRIC } from './metric-names';
import { MetricsService } from './metrics.service';
import { sqlOperation } from './sql-operation';

/** Connections of one pool: lent out, free, and callers waiting for one. */
export interface PoolStats {
  pool: string;
  inUse: number;
  idle: number;
  waiting: number;
  max: number;
}

/** The parts of mssql's ConnectionPool (tarn underneath) read here. Getters throw once closed. */
interface MssqlPoolLike {
  borrowed: number;
  available: number;
  pending: number;
  config?: { pool?: { max?: number } };
}

interface MssqlDriverLike {
  master?: MssqlPoolLike;
  slaves?: MssqlPoolLike[];
}

/** better-sqlite3's Database: one connection, busy across awaits only while a transaction is open. */
interface SqliteConnectionLike {
  open: boolean;
  inTransaction: boolean;
}

/**
 * Pool statistics read at scrape time (never on the request path).
 * - SQL Server: mssql's ConnectionPool over tarn: `borrowed` (in use), `available` (idle),
 *   `pending` (acquires waiting); the primary and each read replica pool by name.
 * - SQLite: one connection. better-sqlite3 runs each statement synchronously, so between
 *   statements the connection is only held while a transaction is open (`inTransaction`).
 *   Units of work queued behind it wait in TransactionRunner's mutex, which is not observable
 *   from here, so `waiting` is 0.
 */
export function poolStatsOf(dataSource: DataSource): PoolStats[] {
  if (!dataSource.isInitialized) return [];
  if (dataSource.options.type === 'mssql') {
    const driver = dataSource.driver as unknown as MssqlDriverLike;
    const pools: [string, MssqlPoolLike | undefined][] = [['primary', driver.master]];
    (driver.slaves ?? []).forEach((pool, i) => pools.push([`replica${i}`, pool]));
    const configuredMax = (dataSource.options as { pool?: { max?: number } }).pool?.max ?? 10;
    const stats: PoolStats[] = [];
    for (const [name, pool] of pools) {
      if (!pool) continue;
      try {
        stats.push({
          pool: name,
          inUse: pool.borrowed,
          idle: pool.available,
          waiting: pool.pending,
          max: pool.config?.pool?.max ?? configuredMax,
        });
      } catch {
        // a closed pool has no tarn pool behind it any more
      }
    }
    return stats;
  }
  const connection = (dataSource.driver as unknown as { databaseConnection?: SqliteConnectionLike })
    .databaseConnection;
  if (!connection?.open) return [];
  const inUse = connection.inTransaction ? 1 : 0;
  return [{ pool: 'primary', inUse, idle: 1 - inUse, waiting: 0, max: 1 }];
}

/** `SELECT 1` answered within the deadline. The timer is always cleared. */
export async function pingDatabase(dataSource: DataSource, timeoutMs: number): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      dataSource.query('SELECT 1'),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Database series: statement durations from TypeORM's own AfterQuery event (a subscriber, the
 * mechanism TypeORM provides for this: the query runner times each statement and broadcasts
 * the duration, so we add no timer and no wrapper), pool gauges and `db_up`, read at scrape time.
 */
@Injectable()
export class DatabaseMetrics implements EntitySubscriberInterface {
  constructor(
    private readonly metrics: MetricsService,
    @Optional() private readonly dataSource?: DataSource,
  ) {
    if (!dataSource) return;
    this.subscribe();
    const registers = [metrics.registry];
    const pool = new Gauge({
      name: METRIC.dbPoolConnections,
      help: 'Database pool connections by state: in_use, idle, waiting (callers queued for one)',
      labelNames: ['pool', 'state'],
      registers,
      collect: () => {
        this.subscribe(); // a re-initialised DataSource starts with a fresh subscriber list
        pool.reset();
        for (const s of poolStatsOf(dataSource)) {
          pool.set({ pool: s.pool, state: 'in_use' }, s.inUse);
          pool.set({ pool: s.pool, state: 'idle' }, s.idle);
          pool.set({ pool: s.pool, state: 'waiting' }, s.waiting);
        }
      },
    });
    const max = new Gauge({
      name: METRIC.dbPoolMaxConnections,
      help: 'Largest number of connections the pool may open',
      labelNames: ['pool'],
      registers,
      collect: () => {
        max.reset();
        for (const s of poolStatsOf(dataSource)) max.set({ pool: s.pool }, s.max);
      },
    });
    const up = new Gauge({
      name: METRIC.dbUp,
      help: '1 when the database answered SELECT 1 within 1 s at scrape time, else 0',
      registers,
      collect: async () => {
        up.set((await pingDatabase(dataSource, 1000)) ? 1 : 0);
      },
    });
  }

  /**
   * TypeORM reports a statement's duration in whole milliseconds (Date.now()), and only when it
   * completed: SQLite broadcasts nothing for a failed statement; SQL Server broadcasts a failed
   * one twice (first as a success without results, then as a failure without a duration), hence
   * the `rawResults` check.
   */
  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (event.executionTime === undefined) return;
    const outcome = event.success && event.rawResults !== undefined ? 'ok' : 'error';
    this.metrics.observeDbQuery(sqlOperation(event.query), outcome, event.executionTime / 1000);
  }

  private subscribe(): void {
    if (this.dataSource && !this.dataSource.subscribers.includes(this)) {
      this.dataSource.subscribers.push(this);
    }
  }
}
