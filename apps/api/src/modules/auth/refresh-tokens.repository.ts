import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';

import { RefreshToken } from './entities/refresh-token.entity';

export type NewRefreshToken = Pick<RefreshToken, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>;

/** Database access for refresh tokens; every call runs inside the caller's transaction. */
@Injectable()
export class RefreshTokensRepository {
  findByHash(tokenHash: string, manager: EntityManager): Promise<RefreshToken | null> {
    return manager.getRepository(RefreshToken).findOneBy({ tokenHash });
  }

  async insert(values: NewRefreshToken, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshToken).insert(values);
  }

  /** Marks the token used if it still is usable; false when another request got there first. */
  async markUsed(id: string, now: Date, manager: EntityManager): Promise<boolean> {
    const result = await manager
      .getRepository(RefreshToken)
      .update({ id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: now });
    return (result.affected ?? 0) === 1;
  }

  async revokeFamily(familyId: string, now: Date, manager: EntityManager): Promise<number> {
    const result = await manager
      .getRepository(RefreshToken)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
    return result.affected ?? 0;
  }

  async revokeAllOfUser(userId: string, now: Date, manager: EntityManager): Promise<number> {
    const result = await manager
      .getRepository(RefreshToken)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: now });
    return result.affected ?? 0;
  }
}
