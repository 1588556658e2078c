import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { RequestContext, UnauthorizedError } from '@app/core';
import type { RawRequestWithContext } from '@app/observability';

import { AuthErrors } from '../auth.exception';
import { AuthUser } from '../auth-user';
import { IS_PUBLIC_KEY } from '../decorators/public.decorator';
import { JWT_STRATEGY } from '../jwt/jwt.strategy';

/** What passport-jwt reports when it refuses a token (jsonwebtoken's error, or "No auth token"). */
interface PassportInfo {
  name?: string;
  message?: string;
}

/**
 * The global guard (registered with APP_GUARD): every route needs a valid access token unless it
 * is marked @Public(). On success the caller is `request.user`, and its id goes into the request
 * context and the request's log line.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard(JWT_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser = AuthUser>(
    err: unknown,
    user: AuthUser | false | undefined,
    info: PassportInfo | undefined,
    context: ExecutionContext,
  ): TUser {
    if (err) {
      if (err instanceof UnauthorizedError) this.challenge(context, err);
      // An error from the user lookup (e.g. the database is down) reaches the global filter as is.
      throw err instanceof Error ? err : AuthErrors.tokenInvalid();
    }
    if (!user) {
      const error = this.errorFor(info);
      this.challenge(context, error);
      throw error;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    (request.raw as RawRequestWithContext).userId = user.id;
    RequestContext.setUserId(user.id);
    return user as TUser;
  }

  private errorFor(info: PassportInfo | undefined): UnauthorizedError {
    if (!info || info.message === 'No auth token') return AuthErrors.missingToken();
    if (info.name === 'TokenExpiredError') return AuthErrors.tokenExpired();
    return AuthErrors.tokenInvalid();
  }

  /** RFC 6750: a 401 names the scheme, and whether the token presented was the problem. */
  private challenge(context: ExecutionContext, error: UnauthorizedError): void {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const invalid = error.errorCode !== 'UNAUTHORIZED';
    void reply.header(
      'www-authenticate',
      invalid ? 'Bearer realm="quorum", error="invalid_token"' : 'Bearer realm="quorum"',
    );
  }
}
