import { ApiProperty } from '@nestjs/swagger';

import { ROLES, Role } from '@app/auth';
import { isoTimestamp, isoTimestampOrNull } from '@app/core';

import { User } from '../entities/user.entity';

/** A user as the API shows it: never a hash, never a token. */
export class UserResDto {
  @ApiProperty({ example: '1', description: 'BIGINT id as a decimal string' })
  id: string;

  @ApiProperty({ example: 'ada@example.com' })
  email: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  display_name: string;

  @ApiProperty({ enum: ROLES, example: 'author' })
  role: Role;

  @ApiProperty({
    example: true,
    description: 'Deactivated users cannot sign in; their tokens stop working',
  })
  is_active: boolean;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Set while the account is locked after failed sign-ins',
  })
  locked_until: string | null;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z', nullable: true, type: String })
  last_login_at: string | null;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z' })
  created_at: string;

  @ApiProperty({ example: '2026-11-28T09:30:00.000Z' })
  updated_at: string;

  static from(user: User, now: Date = new Date()): UserResDto {
    return {
      id: String(user.id),
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      is_active: user.isActive,
      locked_until:
        user.lockedUntil && user.lockedUntil > now ? isoTimestamp(user.lockedUntil) : null,
      last_login_at: isoTimestampOrNull(user.lastLoginAt),
      created_at: isoTimestamp(user.createdAt),
      updated_at: isoTimestamp(user.updatedAt),
    };
  }
}
