import { HttpException, HttpStatus } from '@nestjs/common';

import {
  AppException,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  InternalError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './app-exceptions';
import { ErrorCode } from './error-codes';

/**
 * Maps an HttpException raised outside our code (Nest's router, Fastify's body parser,
 * guards of libraries) onto our hierarchy. 4xx messages from these sources are safe to show;
 * 5xx messages are replaced.
 */
export function fromHttpException(exception: HttpException): AppException {
  const status = exception.getStatus() as HttpStatus;
  const message = messageOf(exception);
  switch (status) {
    case HttpStatus.BAD_REQUEST:
      return new BadRequestError(message, { code: ErrorCode.MALFORMED_REQUEST });
    case HttpStatus.UNAUTHORIZED:
      return new UnauthorizedError(message);
    case HttpStatus.FORBIDDEN:
      return new ForbiddenError(message);
    case HttpStatus.NOT_FOUND:
      return message.startsWith('Cannot ')
        ? new NotFoundError(`Route ${message.slice('Cannot '.length)} does not exist`, {
            code: ErrorCode.ROUTE_NOT_FOUND,
          })
        : new NotFoundError(message);
    case HttpStatus.METHOD_NOT_ALLOWED:
      return new MethodNotAllowedError();
    case HttpStatus.CONFLICT:
      return new ConflictError(message);
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return new PayloadTooLargeError();
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return new UnsupportedMediaTypeError();
    case HttpStatus.TOO_MANY_REQUESTS:
      return new TooManyRequestsError();
    case HttpStatus.SERVICE_UNAVAILABLE:
      return new ServiceUnavailableError();
    default:
      return Number(status) >= 500
        ? new InternalError({ cause: exception })
        : new GenericClientError(status, message);
  }
}

class GenericClientError extends AppException {
  constructor(status: number, message: string) {
    super(status, `HTTP_${status}`, message);
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  if (response && typeof response === 'object' && 'message' in response) {
    const m = response.message;
    if (typeof m === 'string') return m;
    if (Array.isArray(m)) return m.join('; ');
  }
  return exception.message;
}
