import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';

import { AppBaseEntity, DateTimeColumn, ForeignIdColumn, TextColumn } from '@app/database';

import { User } from '../../users/entities/user.entity';

/**
 * One refresh token, stored only as its SHA-256. Each refresh marks the token used and issues its
 * successor in the same family; a used token presented again revokes the whole family.
 */
@Entity({ name: 'refresh_tokens' })
export class RefreshToken extends AppBaseEntity {
  @Index('ix_refresh_tokens_user_id')
  @ForeignIdColumn()
  userId: string;

  /** Deleting a user deletes their refresh tokens (every session ends). */
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('ix_refresh_tokens_family_id')
  @TextColumn(36)
  familyId: string;

  @Index('uq_refresh_tokens_token_hash', { unique: true })
  @TextColumn(64)
  tokenHash: string;

  @Index('ix_refresh_tokens_expires_at')
  @DateTimeColumn()
  expiresAt: Date;

  /** When it was exchanged for its successor. */
  @DateTimeColumn({ nullable: true })
  usedAt: Date | null;

  @DateTimeColumn({ nullable: true })
  revokedAt: Date | null;
}
