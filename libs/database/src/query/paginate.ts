import { Brackets, MssqlParameter, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

import {
  CursorCodec,
  CursorPage,
  isoTimestamp,
  OffsetPage,
  offsetPage,
  PageRequest,
  SortSpec,
} from '@app/core';

import { getManyPlain } from './get-many-plain';

/** Escapes LIKE wildcards so user text matches literally (used with ESCAPE '\'). */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_[]/g, (c) => `\\${c}`)}%`;
}

function sortValueOf(entity: ObjectLiteral, sort: SortSpec): string | number {
  const value: unknown = entity[sort.property];
  if (value instanceof Date) return isoTimestamp(value);
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

/** Dates are bound as datetime2 on SQL Server: mssql's default (datetime) rounds to 3 ms and breaks equality. */
function cursorParam(value: string | number, sort: SortSpec, mssql: boolean): unknown {
  if (sort.kind !== 'date') return value;
  const date = new Date(String(value));
  return mssql ? new MssqlParameter(date, 'datetime2') : date;
}

export interface PaginateOptions {
  /**
   * Wraps the offset mode's COUNT, e.g. to serve it from a cache: `compute` runs the count query.
   * Counting every matching row is what an offset page costs most (70 000 rows: milliseconds).
   */
  count?: (compute: () => Promise<number>) => Promise<number>;
}

/**
 * Runs a list query in the page mode the client asked for. Offset mode counts (unless the page
 * itself shows where the list ends); cursor mode seeks past the last (sort value, id) seen, so
 * its cost does not grow with depth. The sort column must be NOT NULL; `id` breaks ties in both
 * modes so pages never overlap.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  sort: SortSpec,
  request: PageRequest,
  codec: CursorCodec,
  options: PaginateOptions = {},
): Promise<OffsetPage<T> | CursorPage<T>> {
  const alias = qb.alias;
  const column = `${alias}.${sort.property}`;
  qb.orderBy(column, sort.direction).addOrderBy(`${alias}.id`, sort.direction);

  if (request.mode === 'offset') {
    const offset = (request.page - 1) * request.pageSize;
    const counting = qb.clone();
    const items = await getManyPlain(qb.skip(offset).take(request.pageSize));
    // A page that is not full and not past the end shows the total by itself.
    const total =
      items.length > 0 && items.length < request.pageSize
        ? offset + items.length
        : await (options.count ?? ((compute) => compute()))(() => counting.getCount());
    return offsetPage(items, total, request.page, request.pageSize);
  }

  if (request.cursor) {
    const position = codec.decode(request.cursor, sort);
    const op = sort.direction === 'ASC' ? '>' : '<';
    const inclusive = sort.direction === 'ASC' ? '>=' : '<=';
    const cursorValue = cursorParam(
      position.value,
      sort,
      qb.connection.driver.options.type === 'mssql',
    );
    // (value, id) past the cursor, written so the first condition is a plain range on the sort
    // column: both SQLite and SQL Server seek the index there instead of scanning (an OR of the
    // two cases alone defeats the index, and SQL Server has no row-value comparison).
    qb.andWhere(`${column} ${inclusive} :cursorValue`, { cursorValue }).andWhere(
      new Brackets((w) =>
        w
          .where(`${column} ${op} :cursorValue`)
          .orWhere(`${alias}.id ${op} :cursorId`, { cursorId: position.id }),
      ),
    );
  }
  const rows = await getManyPlain(qb.take(request.pageSize + 1));
  const items = rows.slice(0, request.pageSize);
  const last = items[items.length - 1];
  const next_cursor =
    rows.length > request.pageSize && last
      ? codec.encode(sort, { value: sortValueOf(last, sort), id: String(last.id) })
      : null;
  return { items, page_size: request.pageSize, next_cursor };
}
