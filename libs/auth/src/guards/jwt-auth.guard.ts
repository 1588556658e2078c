import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { RequestContext, RouteFlag, setRequestUserId, UnauthorizedError } from '@app/core';

import { AuthUser } from '../auth-user';
import { IS_PUBLIC_KEY } from '../decorators/public.decorator';
import { BearerTokenAuthenticator } from '../jwt/bearer-token.authenticator';

type AuthenticatedRequest = FastifyRequest & { user?: AuthUser };

/**
 * The global guard (registered with APP_GUARD): every route needs a valid access token unless it
 * is marked @Public(). On success the caller is `request.user`, and its id goes into the request
 * context and the request's log line.
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

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.isPublic.isSet(context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    let user: AuthUser;
    try {
      user = await this.authenticator.authenticate(request.headers.authorization);
    } catch (error) {
      if (error instanceof UnauthorizedError) this.challenge(http.getResponse(), error);
      // Anything else (e.g. the database is down) reaches the global filter as is.
      throw error;
    }
    request.user = user;
    setRequestUserId(request, user.id);
    RequestContext.setUserId(user.id);
    return true;
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
