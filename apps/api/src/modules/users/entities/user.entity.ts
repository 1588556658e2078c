import { Check, Column, Entity, Index } from 'typeorm';

// roles.ts alone: the TypeORM CLI loads this entity and needs nothing else of the auth lib.
import { ROLES, type Role } from '@app/auth/roles';
import { AppBaseEntity, BoolColumn, DateTimeColumn, inList, TextColumn } from '@app/database';

export const EMAIL_MAX = 254;
export const DISPLAY_NAME_MAX = 100;

/** A person who signs in. Credentials and lockout state live on the row; tokens in their own tables. */
@Entity({ name: 'users' })
@Index('ix_users_created_at', ['createdAt'])
@Check('ck_users_role', inList('role', ROLES))
export class User extends AppBaseEntity {
  /** As typed (trimmed): what mail is sent to and what is shown. */
  @TextColumn(EMAIL_MAX)
  email: string;

  /** NFC + trimmed + lower case: looked up at sign-in, unique. */
  @Index('uq_users_email_normalized', { unique: true })
  @TextColumn(EMAIL_MAX)
  emailNormalized: string;

  @Index('ix_users_display_name')
  @TextColumn(DISPLAY_NAME_MAX)
  displayName: string;

  @Index('ix_users_role')
  @TextColumn(16, { default: 'author' })
  role: Role;

  /** argon2id encoded hash. Never selected unless a query asks for it by name. */
  @TextColumn(255, { select: false })
  passwordHash: string;

  @Index('ix_users_is_active')
  @BoolColumn({ default: true })
  isActive: boolean;

  /** Failures since firstFailedLoginAt (the lockout window's start). */
  @Column({ type: 'int', default: 0 })
  failedLoginCount: number;

  @DateTimeColumn({ nullable: true })
  firstFailedLoginAt: Date | null;

  @DateTimeColumn({ nullable: true })
  lockedUntil: Date | null;

  /** Access tokens issued before this second are refused. */
  @DateTimeColumn()
  passwordChangedAt: Date;

  @DateTimeColumn({ nullable: true })
  lastLoginAt: Date | null;
}
