import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, from, Observable, of, switchMap, throwError } from 'rxjs';

import { BadRequestError, ConflictError } from '@app/core';

import { requestFingerprint } from './fingerprint';
import { IdempotencyKey } from './idempotency-key.entity';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const WAIT_STEP_MS = 50;
const WAIT_LIMIT_MS = 15_000;

type AuthenticatedRequest = FastifyRequest & { user?: { id: string } };

/**
 * `Idempotency-Key` for every authenticated POST: the first request with a key runs; a repeat
 * with the same key and body gets the first response (header `Idempotent-Replayed: true`) without
 * running again, even when it arrives while the first is still running (it waits for it); the same
 * key with a different request is refused with 409. Keys are per user and kept 24 h. A request
 * that fails releases its key, so the client can retry it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const raw = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || raw === undefined || !request.user) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!KEY_PATTERN.test(key)) {
      throw new BadRequestError('Validation failed', {
        details: [
          { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
        ],
      });
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // The status the route answers with (Nest sets it on the reply only after interceptors).
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ??
      HttpStatus.CREATED;
    const scope = `user:${request.user.id}`;
    const fingerprint = requestFingerprint(
      request.method,
      request.routeOptions.url ?? request.url,
      request.body,
    );

    return from(this.store.claim(scope, key, fingerprint)).pipe(
      switchMap((claim) => {
        if (!claim.claimed)
          return from(this.replay(claim.existing, fingerprint, scope, key, reply));
        return next.handle().pipe(
          switchMap((result: unknown) =>
            from(this.store.complete(claim.id, status, result)).pipe(switchMap(() => of(result))),
          ),
          catchError((error: unknown) =>
            from(this.store.release(claim.id)).pipe(switchMap(() => throwError(() => error))),
          ),
        );
      }),
    );
  }

  private async replay(
    existing: IdempotencyKey,
    fingerprint: string,
    scope: string,
    key: string,
    reply: FastifyReply,
  ): Promise<unknown> {
    if (existing.fingerprint !== fingerprint) {
      throw new ConflictError('This Idempotency-Key was used for a different request', {
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
    }
    let record: IdempotencyKey | null = existing;
    const deadline = Date.now() + WAIT_LIMIT_MS;
    while (record && record.state === 'in_progress') {
      if (Date.now() > deadline) {
        throw new ConflictError(
          'A request with this Idempotency-Key is still in progress; retry later',
          {
            code: 'IDEMPOTENCY_IN_PROGRESS',
            retryAfterSeconds: 1,
          },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
      record = await this.store.find(scope, key);
    }
    if (!record) {
      // The first attempt failed and released the key; this repeat is told to retry.
      throw new ConflictError('The first request with this Idempotency-Key failed; retry it', {
        code: 'IDEMPOTENCY_RETRY',
        retryAfterSeconds: 0,
      });
    }
    void reply.status(record.responseStatus ?? 200).header(REPLAYED_HEADER, 'true');
    return JSON.parse(record.responseBody ?? 'null') as unknown;
  }
}
