import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';

import { PasswordResetToken } from './entities/password-reset-token.entity';

export type NewPasswordResetToken = Pick<PasswordResetToken, 'userId' | 'tokenHash' | 'expiresAt'>;

/** Database access for password reset tokens. */
@Injectable()
export class PasswordResetTokensRepository {
  constructor(
    @InjectRepository(PasswordResetToken)
    private readonly tokens: Repository<PasswordResetToken>,
  ) {}

  findByHash(tokenHash: string): Promise<PasswordResetToken | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  async insert(values: NewPasswordResetToken, manager: EntityManager): Promise<void> {
    await manager.getRepository(PasswordResetToken).insert(values);
  }

  /** Single use: true only for the one request that consumes the token. */
  async markUsed(id: string, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .getRepository(PasswordResetToken)
      .update({ id, usedAt: IsNull() }, { usedAt: now });
    return (result.affected ?? 0) === 1;
  }

  /** Ends every outstanding reset link of the user. */
  async invalidateAllOfUser(userId: string, now: Date, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(PasswordResetToken)
      .update({ userId, usedAt: IsNull() }, { usedAt: now });
  }
}
