import { ApiProperty } from '@nestjs/swagger';

/** What sign-in, refresh and a password change return. */
export class TokenPairResDto {
  @ApiProperty({ description: 'JWT (HS256) for `Authorization: Bearer …`' })
  access_token: string;

  @ApiProperty({ example: 'Bearer' })
  token_type: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expires_in: number;

  @ApiProperty({ description: 'Opaque; exchange it at POST /api/v1/auth/refresh. Single use.' })
  refresh_token: string;

  @ApiProperty({ example: '2026-12-12T09:30:00.000Z' })
  refresh_token_expires_at: string;
}

/**
 * POST /auth/token answers the envelope and, beside it, the RFC 6749 §5.1 fields at the top level:
 * OAuth2 clients such as Swagger UI's Authorize read `access_token` there; envelope readers read
 * `payload`. Each kind of client ignores the other's members.
 */
export class OAuthTokenResDto {
  @ApiProperty({ type: TokenPairResDto })
  payload: TokenPairResDto;

  @ApiProperty({ example: 'Signed in' })
  message: string;

  @ApiProperty({ example: false })
  is_error: false;

  @ApiProperty()
  access_token: string;

  @ApiProperty({ example: 'Bearer' })
  token_type: 'Bearer';

  @ApiProperty({ example: 900 })
  expires_in: number;

  @ApiProperty()
  refresh_token: string;
}
