import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

import { PASSWORD_MAX_LENGTH } from '@app/auth';

import { EMAIL_MAX } from '../../users/entities/user.entity';

export const GRANT_TYPES = ['password', 'refresh_token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/**
 * OAuth2 token request (RFC 6749 §4.3 and §6), form-encoded as Swagger UI's Authorize sends it
 * (JSON is accepted too).
 * `scope`, `client_id` and `client_secret` are accepted and ignored (there are no clients or scopes).
 */
export class TokenFormReqDto {
  @ApiProperty({ enum: GRANT_TYPES, example: 'password' })
  @IsIn(GRANT_TYPES, { message: `grant_type must be one of: ${GRANT_TYPES.join(', ')}` })
  grant_type: GrantType;

  @ApiPropertyOptional({
    example: 'admin@quorum.local',
    description: 'The email (grant_type=password)',
  })
  @ValidateIf((o: TokenFormReqDto) => o.grant_type === 'password')
  @IsString()
  @IsNotEmpty()
  @MaxLength(EMAIL_MAX)
  username?: string;

  @ApiPropertyOptional({
    format: 'password',
    example: 'Quorum-Admin-Demo-2026',
    description: 'grant_type=password',
  })
  @ValidateIf((o: TokenFormReqDto) => o.grant_type === 'password')
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  @ApiPropertyOptional({
    example: 'kq3Q0u1a8cW9yq6Zr3yVfQ4n1o7wS2dE5tJ8hL0pX3M',
    description: 'grant_type=refresh_token',
  })
  @ValidateIf((o: TokenFormReqDto) => o.grant_type === 'refresh_token')
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refresh_token?: string;

  @ApiPropertyOptional({ example: '', description: 'Ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  scope?: string;

  @ApiPropertyOptional({ example: 'swagger-ui', description: 'Ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_id?: string;

  @ApiPropertyOptional({ example: '', description: 'Ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;
}
