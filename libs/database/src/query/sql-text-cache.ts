import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** Distinct query shapes kept per DataSource by default; past it the oldest shape is dropped. */
export const SQL_TEXT_CACHE_MAX_SHAPES = 1000;

export interface SqlTextCacheOptions {
  /**
   * Build the SQL text on every execution anyway and fail loudly when it differs from the cached
   * one (a query shape that misses something the text depends on). On outside production, so
   * every test runs the check.
   */
  verify: boolean;
  maxShapes?: number;
}

interface Texts {
  byShape: Map<string, string>;
  verify: boolean;
  maxShapes: number;
}

const perDataSource = new WeakMap<DataSource, Texts>();

/** Sets how `getRawManyReusingSql` behaves on `dataSource` (DatabaseModule does, from the config). */
export function configureSqlTextCache(dataSource: DataSource, options: SqlTextCacheOptions): void {
  perDataSource.set(dataSource, {
    byShape: new Map(),
    verify: options.verify,
    maxShapes: options.maxShapes ?? SQL_TEXT_CACHE_MAX_SHAPES,
  });
}

/** Whether reuses are checked on `dataSource`, and how many shapes it holds (for tests and ops). */
export function sqlTextCacheState(dataSource: DataSource): { verify: boolean; shapes: number } {
  const texts = textsOf(dataSource);
  return { verify: texts.verify, shapes: texts.byShape.size };
}

function textsOf(dataSource: DataSource): Texts {
  let texts = perDataSource.get(dataSource);
  if (!texts) {
    // Not configured (scripts, unit tests): cache, and check every reuse.
    texts = { byShape: new Map(), verify: true, maxShapes: SQL_TEXT_CACHE_MAX_SHAPES };
    perDataSource.set(dataSource, texts);
  }
  return texts;
}

/**
 * Everything of a select query's expression map that its SQL text depends on, as one string; the
 * values of its parameters are not part of it (they are bound, and `:...list` is expanded after
 * the text is built). Undefined for queries this does not describe fully — joins, relation ids or
 * counts, CTEs, locks, sub-queries — which are built as usual.
 */
export function queryShape<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): string | undefined {
  const map = qb.expressionMap;
  if (
    map.queryType !== 'select' ||
    map.subQuery ||
    map.mainAlias === undefined ||
    map.mainAlias.subQuery !== undefined ||
    map.joinAttributes.length > 0 ||
    map.relationIdAttributes.length > 0 ||
    map.relationCountAttributes.length > 0 ||
    map.commonTableExpressions.length > 0 ||
    map.lockMode !== undefined
  ) {
    return undefined;
  }
  return JSON.stringify([
    map.aliases.map((alias) => [
      alias.type,
      alias.name,
      alias.hasMetadata ? alias.metadata.tablePath : alias.tablePath,
    ]),
    map.mainAlias.name,
    map.selects,
    map.selectDistinct,
    map.selectDistinctOn,
    map.wheres,
    map.havings,
    map.groupBys,
    map.orderBys,
    map.limit,
    map.offset,
    map.take,
    map.skip,
    map.withDeleted,
    map.comment,
    map.useIndex,
    map.maxExecutionTime,
    map.timeTravel,
    map.options,
    map.queryEntity,
    map.aliasNamePrefixingEnabled,
    map.disableEscaping,
    map.extraAppendedAndWhereCondition,
  ]);
}

/**
 * `qb.getRawMany()`, with the SQL text built once per query shape (see queryShape) and DataSource.
 * TypeORM builds the text anew on every execution — selects escaped column by column, every
 * `alias.property` in it replaced by a regular expression per column — which was a tenth of a
 * list page's CPU (issue 8); the parameters are bound as usual, and the statement, logging,
 * transaction and metrics are TypeORM's.
 */
export async function getRawManyReusingSql<T extends ObjectLiteral, R = Record<string, unknown>>(
  qb: SelectQueryBuilder<T>,
): Promise<R[]> {
  qb.expressionMap.queryEntity = false; // as getRawMany sets it, before the text is built
  const shape = queryShape(qb);
  if (shape === undefined) return qb.getRawMany<R>();
  const texts = textsOf(qb.connection);
  let sql = texts.byShape.get(shape);
  if (sql === undefined) {
    sql = qb.getQuery();
    if (texts.byShape.size >= texts.maxShapes) {
      const oldest = texts.byShape.keys().next();
      if (!oldest.done) texts.byShape.delete(oldest.value);
    }
    texts.byShape.set(shape, sql);
  } else if (texts.verify) {
    const built = qb.getQuery();
    if (built !== sql) {
      throw new Error(
        `SQL text cache: two queries of one shape built different SQL (the shape misses what ` +
          `tells them apart): cached "${sql}", built "${built}"`,
      );
    }
  }
  const text = sql;
  // getRawMany reads the text through getQuery: this query's, for this execution only.
  Object.defineProperty(qb, 'getQuery', { value: () => text, configurable: true, writable: true });
  try {
    return await qb.getRawMany<R>();
  } finally {
    Reflect.deleteProperty(qb, 'getQuery');
  }
}
