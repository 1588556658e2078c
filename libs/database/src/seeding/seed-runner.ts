import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { Injectable, Logger } from '@nestjs/common';
import {
  DataSource,
  EntityManager,
  EntityMetadata,
  FindOptionsWhere,
  IsNull,
  ObjectLiteral,
} from 'typeorm';

import { SEEDS_DIR } from '../paths';
import { TransactionRunner } from '../transaction/transaction-runner';
import { isSeedRef, parseSeedFile, SeedFile } from './seed-file';
import { SeedRegistry } from './seed-registry';

/**
 * Find conditions from seed values. TypeORM skips a `null` condition (so `{ tag: null }` would
 * match any row); in a seed file it means IS NULL.
 */
function findWhere(values: Record<string, unknown>): FindOptionsWhere<ObjectLiteral> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, value === null ? IsNull() : value]),
  );
}

export interface SeedReport {
  file: string;
  entity: string;
  inserted: number;
  existing: number;
}

/**
 * Loads every `seeds/*.json` in name order (standard §2.4): a row is inserted only when no row
 * with the same key exists, so running it twice changes nothing. Each file is one transaction.
 */
@Injectable()
export class SeedRunner {
  private readonly logger = new Logger(SeedRunner.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly registry: SeedRegistry,
  ) {}

  async run(dir: string = SEEDS_DIR): Promise<SeedReport[]> {
    const names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
    const reports: SeedReport[] = [];
    for (const name of names) {
      const file = parseSeedFile(name, await readFile(join(dir, name), 'utf8'));
      if (!this.dataSource.hasMetadata(file.entity)) {
        throw new Error(`Seed file ${name} names entity "${file.entity}", which is not registered`);
      }
      const report = await this.transactions.run((manager) => this.seedFile(manager, name, file));
      reports.push(report);
      this.logger.log(
        `Seeded ${name}: ${report.inserted} inserted, ${report.existing} already present`,
      );
    }
    return reports;
  }

  private async seedFile(
    manager: EntityManager,
    name: string,
    file: SeedFile,
  ): Promise<SeedReport> {
    const metadata = this.dataSource.getMetadata(file.entity);
    const prepare = this.registry.preparerFor(file.entity);
    let inserted = 0;
    for (const raw of file.rows) {
      const row = await this.resolveRefs(manager, raw);
      const where = findWhere(Object.fromEntries(file.key.map((k) => [k, row[k]])));
      if (await manager.exists(metadata.target, { where })) continue;
      const values = prepare ? await prepare(row) : row;
      await manager.insert(metadata.target, this.onlyColumns(metadata, name, values));
      inserted++;
    }
    return { file: name, entity: file.entity, inserted, existing: file.rows.length - inserted };
  }

  private async resolveRefs(
    manager: EntityManager,
    row: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const resolved: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (!isSeedRef(value)) {
        resolved[key] = value;
        continue;
      }
      const target = this.dataSource.getMetadata(value.$ref.entity).target;
      const found = await manager.findOne(target, { where: findWhere(value.$ref.where) });
      if (!found)
        throw new Error(
          `Seed reference not found: ${value.$ref.entity} ${JSON.stringify(value.$ref.where)}`,
        );
      resolved[key] = (found as { id: string }).id;
    }
    return resolved;
  }

  private onlyColumns(
    metadata: EntityMetadata,
    file: string,
    values: Record<string, unknown>,
  ): Record<string, unknown> {
    const prepared: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const column = metadata.findColumnWithPropertyName(key);
      if (!column && !metadata.findRelationWithPropertyPath(key)) {
        throw new Error(`Seed file ${file}: "${key}" is not a property of ${metadata.name}`);
      }
      // JSON has no dates: ISO strings for date columns become Date objects, stored the same way
      // on both dialects as the API stores them.
      const isDate = column && ['datetime', 'datetime2', Date].includes(column.type as string);
      prepared[key] = isDate && typeof value === 'string' ? new Date(value) : value;
    }
    return prepared;
  }
}
