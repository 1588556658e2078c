import { Injectable } from '@nestjs/common';
import { JwtPayload, verify } from 'jsonwebtoken';

import { isBigIntId, MaybePromise, thenMaybe, UnauthorizedError } from '@app/core';

import { AuthErrors } from '../auth.exception';
import { AuthUser, AuthUserLookup } from '../auth-user';
import { isRole } from '../roles';
import { AccessTokenClaims } from './access-token.service';
import { JWT_ALGORITHM, JwtSettings } from './jwt-settings';

/** Verified tokens remembered (about 0.5 KB each): the most recent ones win. */
const VERIFIED_TOKENS_KEPT = 10_000;

/** `Bearer <token>`, the scheme in any case (RFC 6750), one token. */
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * Turns an Authorization header into the signed-in caller. The token is verified with the
 * KeyObject (signature, HS256 only, iss, aud, exp), then the user is checked with one cached
 * primary-key lookup: it must exist, be active, and not have changed its password after the
 * token was issued. The role used for RBAC is the stored one.
 *
 * Straight jsonwebtoken rather than passport: passport builds a strategy object and several
 * closures per request to do the same two calls (issue 8).
 */
@Injectable()
export class BearerTokenAuthenticator {
  /**
   * Tokens whose signature and claims were verified, by their exact text. A client sends the same
   * token for its lifetime, so a repeat costs a map lookup instead of an HMAC and two JSON parses;
   * expiry is still checked on every use, and the user check below runs every time.
   */
  private readonly verified = new Map<string, JwtPayload>();

  constructor(
    private readonly settings: JwtSettings,
    private readonly users: AuthUserLookup,
  ) {}

  /**
   * Throws (or rejects with) an UnauthorizedError (missing, expired, invalid, revoked) or the
   * lookup's error. Synchronous when the user lookup is (a cache hit).
   */
  authenticate(authorization: string | undefined): MaybePromise<AuthUser> {
    const token = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
    if (!token) throw AuthErrors.missingToken();
    return this.validate(this.verify(token));
  }

  private verify(token: string): JwtPayload {
    const known = this.verified.get(token);
    if (known) {
      // jsonwebtoken's own rule: expired from the second `exp` names.
      if (Math.floor(Date.now() / 1000) < (known.exp ?? 0)) return known;
      this.verified.delete(token);
    }
    const payload = this.verifySignature(token);
    if (typeof payload.exp === 'number') {
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) {
        this.verified.delete(this.verified.keys().next().value as string);
      }
      this.verified.set(token, payload);
    }
    return payload;
  }

  private verifySignature(token: string): JwtPayload {
    try {
      const payload = verify(token, this.settings.key, {
        algorithms: [JWT_ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      });
      if (typeof payload === 'string') throw AuthErrors.tokenInvalid();
      return payload;
    } catch (error) {
      if (error instanceof UnauthorizedError) throw error;
      if ((error as Error).name === 'TokenExpiredError') throw AuthErrors.tokenExpired();
      throw AuthErrors.tokenInvalid();
    }
  }

  /** `payload` is verified but still untrusted in shape: every claim is checked before use. */
  validate(payload: Partial<Record<keyof AccessTokenClaims, unknown>>): MaybePromise<AuthUser> {
    const { sub, jti, iat, role } = payload;
    if (!isBigIntId(sub) || typeof jti !== 'string' || typeof iat !== 'number' || !isRole(role)) {
      throw AuthErrors.tokenInvalid();
    }
    return thenMaybe(this.users.findAuthState(sub), (state) => {
      if (!state || !state.isActive || !isRole(state.role)) throw AuthErrors.tokenRevoked();
      // iat has whole seconds: tokens from before the second the password changed are refused.
      if (iat < Math.floor(state.passwordChangedAtMs / 1000)) throw AuthErrors.tokenRevoked();
      return { id: sub, role: state.role, tokenId: jti };
    });
  }
}
