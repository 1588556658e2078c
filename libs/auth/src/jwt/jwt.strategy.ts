import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

import { isBigIntId } from '@app/core';

import { AuthErrors } from '../auth.exception';
import { AuthUser, AuthUserLookup } from '../auth-user';
import { isRole } from '../roles';
import { AccessTokenClaims } from './access-token.service';
import { JWT_ALGORITHM, JwtSettings } from './jwt-settings';

export const JWT_STRATEGY = 'jwt';

/**
 * Verifies the bearer token (signature with the KeyObject, HS256 only, iss, aud, exp), then
 * checks the user with one primary-key lookup: it must exist, be active, and not have changed
 * its password after the token was issued. The role used for RBAC is the stored one.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor(
    settings: JwtSettings,
    private readonly users: AuthUserLookup,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken.verify, which accepts a KeyObject; its typings
      // only name string | Buffer.
      secretOrKeyProvider: (
        _request: unknown,
        _token: unknown,
        done: (e: null, k: Buffer) => void,
      ) => done(null, settings.key as unknown as Buffer),
      algorithms: [JWT_ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      ignoreExpiration: false,
    });
  }

  /** `payload` is verified but still untrusted in shape: every claim is checked before use. */
  async validate(payload: Partial<Record<keyof AccessTokenClaims, unknown>>): Promise<AuthUser> {
    const { sub, jti, iat, role } = payload;
    if (!isBigIntId(sub) || typeof jti !== 'string' || typeof iat !== 'number' || !isRole(role)) {
      throw AuthErrors.tokenInvalid();
    }
    const state = await this.users.findAuthState(sub);
    if (!state || !state.isActive || !isRole(state.role)) throw AuthErrors.tokenRevoked();
    // iat has whole seconds: tokens from before the second the password changed are refused.
    if (iat < Math.floor(state.passwordChangedAt.getTime() / 1000)) throw AuthErrors.tokenRevoked();
    return { id: sub, role: state.role, tokenId: jti };
  }
}
