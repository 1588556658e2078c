import { NOW_SQL, entityDialect } from '../dialect';

/**
 * Adds `updatedAt = <server UTC now>` to an UPDATE's values. TypeORM's query-builder updates stamp
 * CURRENT_TIMESTAMP, which is server-local GETDATE() on SQL Server and whole seconds on SQLite;
 * an explicit value replaces it with SYSUTCDATETIME() / millisecond UTC.
 */
export function touch<T extends object>(values: T): T & { updatedAt: () => string } {
  const now = NOW_SQL[entityDialect()];
  return { ...values, updatedAt: () => now };
}
