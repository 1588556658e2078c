import { HttpException, HttpStatus } from '@nestjs/common';

import { ErrorCode } from './error-codes';

/** One problem with one input field, as listed in `payload.details`. */
export interface ErrorDetail {
  field: string;
  message: string;
  /** Constraint names that failed (e.g. `maxLength`). */
  constraints?: string[];
}

export interface AppExceptionOptions {
  details?: ErrorDetail[] | Record<string, unknown>;
  /** Seconds, sent as the Retry-After header. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * Root of the exception hierarchy: every error the API answers on purpose is one of these.
 * The global filter renders it into the envelope; anything else becomes a generic 500.
 */
export abstract class AppException extends HttpException {
  readonly details?: ErrorDetail[] | Record<string, unknown>;
  readonly retryAfterSeconds?: number;

  protected constructor(
    status: HttpStatus,
    readonly errorCode: string,
    message: string,
    options: AppExceptionOptions = {},
  ) {
    super(message, status, { cause: options.cause });
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export class BadRequestError extends AppException {
  constructor(
    message = 'The request is invalid',
    options: AppExceptionOptions & { code?: string } = {},
  ) {
    super(HttpStatus.BAD_REQUEST, options.code ?? ErrorCode.VALIDATION_FAILED, message, options);
  }
}

export class UnauthorizedError extends AppException {
  constructor(
    message = 'Authentication is required',
    options: AppExceptionOptions & { code?: string } = {},
  ) {
    super(HttpStatus.UNAUTHORIZED, options.code ?? ErrorCode.UNAUTHORIZED, message, options);
  }
}

export class ForbiddenError extends AppException {
  constructor(
    message = 'You are not allowed to do this',
    options: AppExceptionOptions & { code?: string } = {},
  ) {
    super(HttpStatus.FORBIDDEN, options.code ?? ErrorCode.FORBIDDEN, message, options);
  }
}

export class NotFoundError extends AppException {
  constructor(
    message = 'The resource was not found',
    options: AppExceptionOptions & { code?: string } = {},
  ) {
    super(HttpStatus.NOT_FOUND, options.code ?? ErrorCode.NOT_FOUND, message, options);
  }

  /** `NotFoundError.of('Tag', '42')` → "Tag 42 was not found". */
  static of(entity: string, id: string): NotFoundError {
    return new NotFoundError(`${entity} ${id} was not found`);
  }
}

export class MethodNotAllowedError extends AppException {
  constructor(message = 'This method is not allowed on this route') {
    super(HttpStatus.METHOD_NOT_ALLOWED, ErrorCode.METHOD_NOT_ALLOWED, message);
  }
}

export class ConflictError extends AppException {
  constructor(
    message = 'The request conflicts with existing data',
    options: AppExceptionOptions & { code?: string } = {},
  ) {
    super(HttpStatus.CONFLICT, options.code ?? ErrorCode.CONFLICT, message, options);
  }
}

export class PayloadTooLargeError extends AppException {
  constructor(message = 'The request body is too large') {
    super(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE, message);
  }
}

export class UnsupportedMediaTypeError extends AppException {
  constructor(message = 'This content type is not supported; send application/json') {
    super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.UNSUPPORTED_MEDIA_TYPE, message);
  }
}

export class TooManyRequestsError extends AppException {
  constructor(message = 'Too many requests; slow down', options: AppExceptionOptions = {}) {
    super(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED, message, options);
  }
}

export class ServiceUnavailableError extends AppException {
  constructor(
    message = 'The service is temporarily unavailable; try again shortly',
    options: AppExceptionOptions & { code?: string } = {},
  ) {
    super(
      HttpStatus.SERVICE_UNAVAILABLE,
      options.code ?? ErrorCode.SERVICE_UNAVAILABLE,
      message,
      options,
    );
  }
}

export class InternalError extends AppException {
  constructor(options: AppExceptionOptions = {}) {
    super(
      HttpStatus.INTERNAL_SERVER_ERROR,
      ErrorCode.INTERNAL_ERROR,
      'An unexpected error occurred',
      options,
    );
  }
}
