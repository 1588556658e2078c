import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { errorEnvelope } from '../http/envelope';
import { AppException, InternalError } from './app-exceptions';
import { ErrorTranslator } from './error-translator';
import { fromHttpException } from './http-exception-mapper';

/**
 * The one place where errors become responses (standard §5): every error leaves as the
 * envelope with `error_code`, `details` and `request_id`; 5xx are logged with their stack at
 * ERROR and answered with a generic message, 4xx are logged at WARN without internals.
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(private readonly translators: ErrorTranslator[] = []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = this.toAppException(exception);
    const status = error.getStatus();

    if (status >= 500) {
      this.logger.error(
        { err: exception, status, error_code: error.errorCode, route: request.routeOptions?.url },
        `Unhandled error on ${request.method} ${request.routeOptions?.url ?? request.url}`,
      );
    } else {
      this.logger.warn(
        { status, error_code: error.errorCode, route: request.routeOptions?.url },
        error.message,
      );
    }

    if (error.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(error.retryAfterSeconds));
    }
    if (reply.sent) return;
    void reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(
        errorEnvelope(error.message, {
          error_code: error.errorCode,
          ...(error.details !== undefined ? { details: error.details } : {}),
          request_id: String(request.id),
        }),
      );
  }

  toAppException(exception: unknown): AppException {
    if (exception instanceof AppException) return exception;
    for (const translator of this.translators) {
      const translated = translator.translate(exception);
      if (translated) return translated;
    }
    if (exception instanceof HttpException) return fromHttpException(exception);
    return new InternalError({ cause: exception });
  }
}
