import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Observable, map } from 'rxjs';

import { DEFAULT_SUCCESS_MESSAGE, Envelope, successEnvelope } from './envelope';
import { RAW_RESPONSE_KEY, RESPONSE_MESSAGE_KEY } from './response-message.decorator';

/** Wraps every successful JSON result in `{ payload, message, is_error: false }`. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const handler = context.getHandler();
    if (this.reflector.get<boolean>(RAW_RESPONSE_KEY, handler)) return next.handle();
    const message =
      this.reflector.get<string>(RESPONSE_MESSAGE_KEY, handler) ?? DEFAULT_SUCCESS_MESSAGE;
    return next.handle().pipe(map((data: unknown) => this.wrap(data, message)));
  }

  private wrap(data: unknown, message: string): unknown {
    if (data instanceof StreamableFile || Buffer.isBuffer(data)) return data;
    return successEnvelope(data ?? null, message) satisfies Envelope<unknown>;
  }
}
