import { Injectable } from '@nestjs/common';
import { EntityNotFoundError } from 'typeorm';

import {
  AppException,
  BadRequestError,
  ConflictError,
  ErrorCode,
  ErrorTranslator,
  NotFoundError,
  ServiceUnavailableError,
} from '@app/core';

import { classifyDriverError } from './driver-error';

/**
 * Driver errors → API errors for both dialects (standard §5). The driver's own text never reaches
 * the client: it names tables, constraints and sometimes values.
 */
@Injectable()
export class DatabaseErrorTranslator implements ErrorTranslator {
  translate(error: unknown): AppException | undefined {
    if (error instanceof EntityNotFoundError) return new NotFoundError();
    const kind = classifyDriverError(error);
    switch (kind) {
      case 'unique_violation':
        return new ConflictError('A record with the same unique value already exists', {
          code: ErrorCode.DUPLICATE,
          cause: error,
        });
      case 'foreign_key_violation':
        return new ConflictError(
          'The change refers to a record that does not exist or is still referenced',
          {
            code: ErrorCode.REFERENCE_CONFLICT,
            cause: error,
          },
        );
      case 'not_null_violation':
        return new BadRequestError('A required value is missing', { cause: error });
      case 'value_too_long':
        return new BadRequestError('A value is longer than its column allows', {
          code: ErrorCode.VALUE_TOO_LONG,
          cause: error,
        });
      case 'deadlock':
        return new ServiceUnavailableError(
          'The database was busy with a conflicting change; retry the request',
          {
            code: ErrorCode.DATABASE_BUSY,
            retryAfterSeconds: 1,
            cause: error,
          },
        );
      case 'timeout':
        return new ServiceUnavailableError('The database did not answer in time; retry shortly', {
          code: ErrorCode.DATABASE_BUSY,
          retryAfterSeconds: 5,
          cause: error,
        });
      case 'unavailable':
        return new ServiceUnavailableError('The database is unavailable; retry shortly', {
          retryAfterSeconds: 5,
          cause: error,
        });
      default:
        return undefined;
    }
  }
}
