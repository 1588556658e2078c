import { HttpStatus } from '@nestjs/common';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';

import { ErrorCode } from '@app/core';

import { DatabaseErrorTranslator } from './database-error.translator';

/** Shaped like mssql's RequestError: `number` from the server, `code` from mssql. */
function mssqlRequestError(number: number, message = 'server text'): Error {
  const err = Object.assign(new Error(message), {
    name: 'RequestError',
    code: 'EREQUEST',
    number,
    state: 1,
    class: 14,
    originalError: Object.assign(new Error(message), { info: { number, message } }),
  });
  return new QueryFailedError('INSERT INTO "dbo"."tags" ...', [], err);
}

function mssqlCodeError(name: string, code: string): Error {
  return new QueryFailedError(
    'SELECT 1',
    [],
    Object.assign(new Error('driver text'), { name, code }),
  );
}

function sqliteError(code: string): Error {
  return new QueryFailedError(
    'INSERT ...',
    [],
    Object.assign(new Error('sqlite text'), { name: 'SqliteError', code }),
  );
}

describe('DatabaseErrorTranslator', () => {
  const translator = new DatabaseErrorTranslator();

  it.each([
    [2627, HttpStatus.CONFLICT, ErrorCode.DUPLICATE],
    [2601, HttpStatus.CONFLICT, ErrorCode.DUPLICATE],
    [547, HttpStatus.CONFLICT, ErrorCode.REFERENCE_CONFLICT],
    [515, HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED],
    [8152, HttpStatus.BAD_REQUEST, ErrorCode.VALUE_TOO_LONG],
    [2628, HttpStatus.BAD_REQUEST, ErrorCode.VALUE_TOO_LONG],
    [1205, HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.DATABASE_BUSY],
    [1222, HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.DATABASE_BUSY],
  ])('maps SQL Server error %i to %i %s', (number, status, code) => {
    const result = translator.translate(mssqlRequestError(number));
    expect(result?.getStatus()).toBe(status);
    expect(result?.errorCode).toBe(code);
    expect(result?.message).not.toContain('server text');
  });

  it('reads the number from originalError.info when the top level lacks it', () => {
    const inner = Object.assign(new Error('x'), {
      name: 'RequestError',
      originalError: { info: { number: 2627 } },
    });
    expect(translator.translate(new QueryFailedError('q', [], inner))?.getStatus()).toBe(409);
  });

  it('sends Retry-After on a deadlock', () => {
    expect(translator.translate(mssqlRequestError(1205))?.retryAfterSeconds).toBe(1);
  });

  it.each([
    ['RequestError', 'ETIMEOUT'],
    ['ConnectionError', 'ETIMEOUT'],
    ['ConnectionError', 'ESOCKET'],
    ['ConnectionError', 'ELOGIN'],
  ])('maps mssql %s %s to 503 with Retry-After', (name, code) => {
    const result = translator.translate(mssqlCodeError(name, code));
    expect(result?.getStatus()).toBe(503);
    expect(result?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('maps a pool acquire timeout (tarn TimeoutError) to 503', () => {
    const err = Object.assign(new Error('operation timed out for an unknown reason'), {
      name: 'TimeoutError',
    });
    expect(translator.translate(err)?.getStatus()).toBe(503);
  });

  it.each([
    ['SQLITE_CONSTRAINT_UNIQUE', 409],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 409],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', 409],
    ['SQLITE_CONSTRAINT_NOTNULL', 400],
    ['SQLITE_TOOBIG', 400],
    ['SQLITE_BUSY', 503],
    ['SQLITE_LOCKED', 503],
  ])('maps SQLite %s to %i', (code, status) => {
    expect(translator.translate(sqliteError(code))?.getStatus()).toBe(status);
  });

  it('maps EntityNotFoundError to 404', () => {
    expect(translator.translate(new EntityNotFoundError('Tag', { id: '1' }))?.getStatus()).toBe(
      404,
    );
  });

  it('leaves errors it does not know to the filter', () => {
    expect(translator.translate(new Error('boom'))).toBeUndefined();
    expect(translator.translate(mssqlRequestError(50000))).toBeUndefined();
    expect(translator.translate('a string')).toBeUndefined();
  });
});
