import { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

import { getRawManyReusingSql } from './sql-text-cache';
import { sqliteUtcDate } from './sqlite-date';

/** Turns a raw value of one column into the entity's value. */
type Hydrate = (value: unknown) => unknown;

/** A selected column: its key in the raw row (`alias_column`), its metadata and hydration. */
type ColumnPlan = readonly (readonly [key: string, column: ColumnMetadata, hydrate: Hydrate])[];

const SQLITE_DRIVERS = new Set(['sqlite', 'better-sqlite3']);

/** The driver's own hydration; SQLite datetimes in their stored shape read directly. */
function hydration(driver: Driver, column: ColumnMetadata): Hydrate {
  const byDriver: Hydrate = (value) => driver.prepareHydratedValue(value, column);
  const sqliteDatetime =
    SQLITE_DRIVERS.has(driver.options.type) &&
    (column.type === 'datetime' || column.type === Date) &&
    !column.transformer;
  if (!sqliteDatetime) return byDriver;
  return (value) => (typeof value === 'string' && sqliteUtcDate(value)) || byDriver(value);
}

const plans = new WeakMap<EntityMetadata, Map<string, ColumnPlan>>();

function columnPlan<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  metadata: EntityMetadata,
): ColumnPlan {
  let byAlias = plans.get(metadata);
  if (!byAlias) plans.set(metadata, (byAlias = new Map<string, ColumnPlan>()));
  let plan = byAlias.get(qb.alias);
  if (!plan) {
    const driver = qb.connection.driver;
    plan = metadata.columns
      .filter((column) => !column.isVirtual)
      .map(
        (column) =>
          [
            DriverUtils.buildAlias(driver, undefined, qb.alias, column.databaseName),
            column,
            hydration(driver, column),
          ] as const,
      );
    byAlias.set(qb.alias, plan);
  }
  return plan;
}

/** Whether getMany would do more for this query than read each row's columns into an entity. */
function needsFullHydration<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  metadata: EntityMetadata,
): boolean {
  const map = qb.expressionMap;
  return (
    map.joinAttributes.length > 0 ||
    map.relationIdAttributes.length > 0 ||
    map.relationCountAttributes.length > 0 ||
    map.options.includes('create-pojo') ||
    metadata.discriminatorColumn !== undefined ||
    metadata.afterLoadListeners.length > 0 ||
    qb.connection.subscribers.some((subscriber) => typeof subscriber.afterLoad === 'function')
  );
}

/**
 * `qb.getMany()` for a query of one table: the same entities (same class, same values through the
 * driver's hydration and the columns' transformers), read column by column from the raw rows.
 * getMany's general machinery (relation id and count loaders, the result transformer's grouping
 * by primary key, the after-load broadcast) was about a fifth of a list request's CPU (decision
 * 036). Queries that need it — joins, relation ids or counts, single-table inheritance, after-load
 * listeners or subscribers — go through getMany unchanged.
 */
export async function getManyPlain<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
): Promise<T[]> {
  const metadata = qb.expressionMap.mainAlias?.metadata;
  if (!metadata || needsFullHydration(qb, metadata)) return qb.getMany();
  const plan = columnPlan(qb, metadata);
  const rows = await getRawManyReusingSql(qb);
  return rows.map((row) => {
    const entity = metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const [key, column, hydrate] of plan) {
      const value = row[key];
      // Not selected (e.g. `select: false` columns): left unset, as getMany leaves it.
      if (value !== undefined) column.setEntityValue(entity, hydrate(value));
    }
    return entity;
  });
}
