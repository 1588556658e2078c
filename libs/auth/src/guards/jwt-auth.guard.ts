import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { RequestContext, UnauthorizedError } from '@app/core';

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
  private readonly publicByHandler = new WeakMap<object, boolean>();

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: BearerTokenAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.isPublic(context)) return true;
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
    (request.raw as { userId?: string }).userId = user.id;
    RequestContext.setUserId(user.id);
    return true;
  }

  /** @Public() on the handler or its controller; read once per route. */
  private isPublic(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let known = this.publicByHandler.get(handler);
    if (known === undefined) {
      known =
        this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
          handler,
          context.getClass(),
        ]) === true;
      this.publicByHandler.set(handler, known);
    }
    return known;
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
