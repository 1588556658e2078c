import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

import {
  isPromise,
  MaybePromise,
  RequestContext,
  RouteFlag,
  setRequestUserId,
  UnauthorizedError,
} from '@app/core';

import { AuthUser } from '../auth-user';
import { IS_PUBLIC_KEY } from '../decorators/public.decorator';
import { BearerTokenAuthenticator } from '../jwt/bearer-token.authenticator';

type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

/**
 * The first global guard (see the app's GlobalGuards): every route needs a valid access token
 * unless it is marked @Public(). On success the caller is `request.user`, and its id goes into the
 * request context and the request's log line.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly isPublic: RouteFlag;

  constructor(
    reflector: Reflector,
    private readonly authenticator: BearerTokenAuthenticator,
  ) {
    this.isPublic = new RouteFlag(reflector, IS_PUBLIC_KEY);
  }

  /** Synchronous when the authenticator is (the user's state cached in process). */
  canActivate(context: ExecutionContext): MaybePromise<boolean> {
    if (context.getType() !== 'http' || this.isPublic.isSet(context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    let user: MaybePromise<AuthUser>;
    try {
      user = this.authenticator.authenticate(request.headers.authorization);
    } catch (error) {
      return this.refuse(http.getResponse(), error);
    }
    if (!isPromise(user)) return this.admit(request, user);
    return user.then(
      (caller) => this.admit(request, caller),
      (error: unknown) => this.refuse(http.getResponse(), error),
    );
  }

  private admit(request: AuthenticatedRequest, user: AuthUser): boolean {
    request.user = user;
    setRequestUserId(request, user.id);
    RequestContext.setUserId(user.id);
    return true;
  }

  private refuse(reply: FastifyReply, error: unknown): never {
    if (error instanceof UnauthorizedError) this.challenge(reply, error);
    // Anything else (e.g. the database is down) reaches the global filter as is.
    throw error;
  }

  /** RFC 6750: a 401 names the scheme, and whether the token presented was the problem. */
  private challenge(reply: FastifyReply, error: UnauthorizedError): void {
    const invalid = error.errorCode !== 'UNAUTHORIZED';
    void reply.header(
      'www-authenticate',
      invalid ? 'Bearer realm="quorum", error="invalid_token"' : 'Bearer realm="quorum"',
    );
  }
}
