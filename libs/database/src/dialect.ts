import type { ColumnType } from 'typeorm';

export type Dialect = 'sqlite' | 'mssql';

/**
 * The dialect entity decorators are written for. Decorators run when a file is imported, before
 * Nest builds the app, so this reads DB_TYPE from the environment (validated later by AppConfig;
 * anything but "mssql" means the SQLite default).
 */
export function entityDialect(): Dialect {
  return process.env.DB_TYPE === 'mssql' ? 'mssql' : 'sqlite';
}

/** Column types per dialect: one place decides how a logical type is spelled. */
export const COLUMN_TYPES: Record<
  Dialect,
  { id: ColumnType; datetime: ColumnType; bool: ColumnType; text: ColumnType }
> = {
  // SQLite refuses `bigint PRIMARY KEY AUTOINCREMENT`; its INTEGER is already 64-bit.
  sqlite: { id: 'integer', datetime: 'datetime', bool: 'boolean', text: 'nvarchar' },
  mssql: { id: 'bigint', datetime: 'datetime2', bool: 'bit', text: 'nvarchar' },
};

/** Server-side "now" in UTC with sub-second precision. */
export const NOW_SQL: Record<Dialect, string> = {
  sqlite: "(STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW'))",
  mssql: 'SYSUTCDATETIME()',
};
