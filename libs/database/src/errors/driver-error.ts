import { QueryFailedError } from 'typeorm';

/** What went wrong in the database, independent of the dialect that said it. */
export type DriverErrorKind =
  | 'unique_violation'
  | 'foreign_key_violation'
  | 'not_null_violation'
  | 'value_too_long'
  | 'deadlock'
  | 'timeout'
  | 'unavailable';

interface DriverErrorShape {
  name?: string;
  code?: string;
  number?: number;
  message?: string;
  originalError?: { info?: { number?: number }; code?: string };
}

/** SQL Server error numbers (sys.messages) and what they mean for a client. */
const MSSQL_NUMBERS: Record<number, DriverErrorKind> = {
  2627: 'unique_violation', // Violation of PRIMARY KEY / UNIQUE constraint
  2601: 'unique_violation', // Cannot insert duplicate key row (unique index)
  547: 'foreign_key_violation', // The statement conflicted with a FOREIGN KEY/REFERENCE constraint
  515: 'not_null_violation', // Cannot insert the value NULL
  8152: 'value_too_long', // String or binary data would be truncated
  2628: 'value_too_long', // String or binary data would be truncated in table '…', column '…'
  1205: 'deadlock', // Transaction was deadlocked and chosen as the victim
  1222: 'timeout', // Lock request time out period exceeded
  40501: 'unavailable', // Azure SQL: the service is currently busy
  40613: 'unavailable', // Azure SQL: database is not currently available
};

/** mssql/tedious error codes (`err.code`). */
const MSSQL_CODES: Record<string, DriverErrorKind> = {
  ETIMEOUT: 'timeout',
  ESOCKET: 'unavailable',
  ECONNCLOSED: 'unavailable',
  ECONNRESET: 'unavailable',
  ENOTOPEN: 'unavailable',
  ELOGIN: 'unavailable',
  EINSTLOOKUP: 'unavailable',
  EPOOLCLOSED: 'unavailable',
};

/** better-sqlite3 extended result codes. */
const SQLITE_CODES: Record<string, DriverErrorKind> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique_violation',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique_violation',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key_violation',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null_violation',
  SQLITE_TOOBIG: 'value_too_long',
  SQLITE_BUSY: 'timeout',
  SQLITE_BUSY_TIMEOUT: 'timeout',
  SQLITE_LOCKED: 'deadlock',
  SQLITE_CANTOPEN: 'unavailable',
  SQLITE_IOERR: 'unavailable',
};

function driverErrorOf(error: unknown): DriverErrorShape | undefined {
  if (error instanceof QueryFailedError) return error.driverError as DriverErrorShape;
  if (error && typeof error === 'object') return error;
  return undefined;
}

/** Classifies an error from either driver, or returns undefined when it is not a database error. */
export function classifyDriverError(error: unknown): DriverErrorKind | undefined {
  const e = driverErrorOf(error);
  if (!e) return undefined;
  const number = typeof e.number === 'number' ? e.number : e.originalError?.info?.number;
  if (number !== undefined && MSSQL_NUMBERS[number]) return MSSQL_NUMBERS[number];
  const code = e.code ?? e.originalError?.code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_'))
      return SQLITE_CODES[code] ?? (code.startsWith('SQLITE_BUSY') ? 'timeout' : undefined);
    if (
      MSSQL_CODES[code] &&
      (e.name === 'RequestError' || e.name === 'ConnectionError' || e.name === 'TransactionError')
    ) {
      return MSSQL_CODES[code];
    }
  }
  // tarn (the mssql pool) gives up acquiring a connection after acquireTimeoutMillis.
  if (e.name === 'TimeoutError' && /operation timed out|acquir/i.test(e.message ?? ''))
    return 'timeout';
  // better-sqlite3 after close(); TypeORM when the DataSource is not initialised.
  if (
    /database connection is not open|Connection .*is not established|ConnectionIsNotSet/i.test(
      e.message ?? '',
    )
  ) {
    return 'unavailable';
  }
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return classifyDriverError(error) === 'unique_violation';
}

/**
 * Runs a write and turns a unique-index violation into the caller's own error. The index decides
 * (no racy "does it exist?" pre-check); every other error passes through unchanged.
 */
export async function onUniqueViolation<T>(
  write: () => Promise<T>,
  toError: (cause: unknown) => Error,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw toError(error);
    throw error;
  }
}
