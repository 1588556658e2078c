import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { AppBaseEntity, DateTimeColumn, ForeignIdColumn, TextColumn } from '@app/database';

import { User } from '../../users/entities/user.entity';

/** A single-use password reset token, stored only as its SHA-256. */
@Entity({ name: 'password_reset_tokens' })
export class PasswordResetToken extends AppBaseEntity {
  @Index('ix_password_reset_tokens_user_id')
  @ForeignIdColumn()
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('uq_password_reset_tokens_token_hash', { unique: true })
  @TextColumn(64)
  tokenHash: string;

  @Index('ix_password_reset_tokens_expires_at')
  @DateTimeColumn()
  expiresAt: Date;

  @DateTimeColumn({ nullable: true })
  usedAt: Date | null;
}
