import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { RequestContext } from '../context/request-context';
import { errorEnvelope, JSON_CONTENT_TYPE } from '../http/envelope';
import { requestUserIdOf } from '../http/request-user';
import { AppException, InternalError } from './app-exceptions';
import { ErrorReporter } from './error-reporter';
import { ErrorTranslator } from './error-translator';
import { fromHttpException } from './http-exception-mapper';

/**
 * The one place where errors become responses (standard §5): every error leaves as the
 * envelope with `error_code`, `details` and `request_id`; 5xx are logged with their stack at
 * ERROR and answered with a generic message, 4xx are logged at WARN without internals.
 * Unexpected errors (5xx other than a deliberate 503) also go to the error reporters (Sentry).
 */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(
    private readonly translators: ErrorTranslator[] = [],
    private readonly reporters: ErrorReporter[] = [],
  ) {}

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
      // 503 is an answer we chose (a dependency is down, retry later): metrics and alerts cover it.
      if (status !== 503) this.report(exception, request);
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
      .header('content-type', JSON_CONTENT_TYPE)
      .send(
        errorEnvelope(error.message, {
          error_code: error.errorCode,
          ...(error.details !== undefined ? { details: error.details } : {}),
          request_id: String(request.id),
        }),
      );
  }

  private report(exception: unknown, request: FastifyRequest): void {
    if (this.reporters.length === 0) return;
    const context = {
      request_id: String(request.id),
      user_id: requestUserIdOf(request) ?? RequestContext.current()?.userId,
      route: request.routeOptions?.url,
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body,
    };
    for (const reporter of this.reporters) {
      try {
        reporter.report(exception, context);
      } catch (error) {
        this.logger.warn({ err: error }, 'Error reporter failed');
      }
    }
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
