import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import type { Role } from '../roles';
import { JWT_ALGORITHM, JwtSettings } from './jwt-settings';

/** The claims of a Quorum access token. */
export interface AccessTokenClaims {
  iss: string;
  aud: string;
  /** User id (decimal string). */
  sub: string;
  role: Role;
  /** Token id, unique per token. */
  jti: string;
  iat: number;
  exp: number;
}

export interface IssuedAccessToken {
  token: string;
  tokenId: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

/** Signs short-lived HS256 access tokens. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly settings: JwtSettings,
  ) {}

  issue(user: { id: string; role: Role }): IssuedAccessToken {
    const tokenId = randomUUID();
    const token = this.jwt.sign(
      { role: user.role },
      {
        algorithm: JWT_ALGORITHM,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        subject: user.id,
        jwtid: tokenId,
        expiresIn: this.settings.ttlSeconds,
      },
    );
    return { token, tokenId, expiresIn: this.settings.ttlSeconds };
  }
}
