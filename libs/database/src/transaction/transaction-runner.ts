import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Chains async sections so they run one at a time. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async lock<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * The one way to write (standard §4.4): all statements of a unit of work commit together or roll
 * back together, and the connection always goes back to the pool.
 *
 * SQLite through TypeORM has a single connection: two interleaved transactions on it would nest
 * into each other. There, units of work are serialised; SQL Server runs them concurrently, each on
 * its own pooled connection.
 */
@Injectable()
export class TransactionRunner {
  private readonly serial: Mutex | undefined;

  constructor(private readonly dataSource: DataSource) {
    this.serial = dataSource.options.type === 'mssql' ? undefined : new Mutex();
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.serial ? this.serial.lock(() => this.execute(work)) : this.execute(work);
  }

  private async execute<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    try {
      const result = await work(queryRunner.manager);
      await queryRunner.commitTransaction();
      return result;
    } catch (error) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
  }
}
