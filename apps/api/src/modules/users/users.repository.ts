import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';

import { AppCache } from '@app/cache';
import { AuthUserLookup, AuthUserState, Role } from '@app/auth';
import { CursorCodec, MaybePromise, Page, PageRequest, SortSpec } from '@app/core';
import { insertAndReload, likeContains, paginate } from '@app/database';

import { REVIEW_REQUEST_COUNTS } from '../review-requests/review-requests.cache';
import { User } from './entities/user.entity';
import { authStateCacheKey, userCacheKey } from './users.cache';

export interface UserFilter {
  role?: Role;
  isActive?: boolean;
  q?: string;
}

export type NewUser = Pick<
  User,
  'email' | 'emailNormalized' | 'displayName' | 'role' | 'passwordHash' | 'passwordChangedAt'
> &
  Partial<Pick<User, 'isActive'>>;

export type UserChanges = Partial<
  Pick<User, 'email' | 'emailNormalized' | 'displayName' | 'role' | 'isActive'>
>;

/** A user with its password hash, which is only loaded when asked for by name. */
export type UserWithHash = User & { passwordHash: string };

/**
 * Database access for users (the standard's repository.py). It is also the guard's
 * AuthUserLookup, and the auth feature's way to the credential columns.
 */
@Injectable()
export class UsersRepository implements AuthUserLookup {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly cursors: CursorCodec,
    private readonly cache: AppCache,
  ) {}

  /**
   * Once per authenticated request: from the in-process cache tier synchronously (no I/O, no
   * promise), else Redis or a primary-key lookup of three columns. Every write below that changes
   * role, activity or password drops it.
   */
  findAuthState(userId: string): MaybePromise<AuthUserState | null> {
    return this.cache.peekOrLoad(authStateCacheKey(userId), async () => {
      const row = await this.users.findOne({
        select: { id: true, role: true, isActive: true, passwordChangedAt: true },
        where: { id: userId },
      });
      return row
        ? {
            role: row.role,
            isActive: row.isActive,
            passwordChangedAtMs: row.passwordChangedAt.getTime(),
          }
        : null;
    });
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ id });
  }

  findByEmail(emailNormalized: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOneBy({ emailNormalized });
  }

  findWithHashByEmail(emailNormalized: string): Promise<UserWithHash | null> {
    return this.withHash()
      .where('u.emailNormalized = :emailNormalized', { emailNormalized })
      .getOne();
  }

  findWithHashById(id: string): Promise<UserWithHash | null> {
    return this.withHash().where('u.id = :id', { id }).getOne();
  }

  list(filter: UserFilter, sort: SortSpec, page: PageRequest): Promise<Page<User>> {
    // Alias `u`: USER is a reserved word in SQL Server.
    const qb = this.users.createQueryBuilder('u');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.isActive !== undefined) {
      qb.andWhere('u.isActive = :isActive', { isActive: filter.isActive });
    }
    if (filter.q) {
      qb.andWhere(
        "(u.emailNormalized LIKE :q ESCAPE '\\' OR LOWER(u.displayName) LIKE :q ESCAPE '\\')",
        { q: likeContains(filter.q) },
      );
    }
    return paginate(qb, sort, page, this.cursors);
  }

  async insert(values: NewUser, manager: EntityManager): Promise<User> {
    return insertAndReload(this.repo(manager), values);
  }

  async update(id: string, values: UserChanges, manager: EntityManager): Promise<User> {
    if (Object.keys(values).length > 0) await this.repo(manager).update({ id }, values);
    this.cache.invalidateAfterCommit(manager, userCacheKey(id), authStateCacheKey(id));
    return this.repo(manager).findOneByOrFail({ id });
  }

  async delete(id: string, manager: EntityManager): Promise<boolean> {
    const result = await this.repo(manager).delete({ id });
    // The user's review requests go with it (cascade): list totals change.
    this.cache.invalidateAfterCommit(
      manager,
      userCacheKey(id),
      authStateCacheKey(id),
      REVIEW_REQUEST_COUNTS,
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Counts a failed sign-in atomically (concurrent failures cannot overwrite each other): a
   * failure after the window restarts the count at 1. Returns the count after this failure.
   */
  async recordFailedLogin(
    id: string,
    now: Date,
    windowStart: Date,
    manager: EntityManager,
  ): Promise<number> {
    const outsideWindow = 'first_failed_login_at IS NULL OR first_failed_login_at < :windowStart';
    await manager
      .createQueryBuilder()
      .update(User)
      .set({
        failedLoginCount: () => `CASE WHEN ${outsideWindow} THEN 1 ELSE failed_login_count + 1 END`,
        firstFailedLoginAt: () =>
          `CASE WHEN ${outsideWindow} THEN :now ELSE first_failed_login_at END`,
      })
      .where('id = :id', { id })
      .setParameters({ now, windowStart })
      .execute();
    const row = await this.repo(manager).findOne({
      select: { id: true, failedLoginCount: true },
      where: { id },
    });
    return row?.failedLoginCount ?? 0;
  }

  /** Locks the account until `until` and starts a fresh count for afterwards. */
  async lock(id: string, until: Date, manager: EntityManager): Promise<void> {
    this.cache.invalidateAfterCommit(manager, userCacheKey(id));
    await this.repo(manager).update(
      { id },
      { lockedUntil: until, failedLoginCount: 0, firstFailedLoginAt: null },
    );
  }

  async unlock(id: string, manager: EntityManager): Promise<void> {
    this.cache.invalidateAfterCommit(manager, userCacheKey(id));
    await this.repo(manager).update(
      { id },
      { lockedUntil: null, failedLoginCount: 0, firstFailedLoginAt: null },
    );
  }

  /** After a successful sign-in: the failure count restarts; a new hash replaces an outdated one. */
  async recordLogin(
    id: string,
    now: Date,
    rehashed: string | undefined,
    manager: EntityManager,
  ): Promise<void> {
    this.cache.invalidateAfterCommit(manager, userCacheKey(id));
    await this.repo(manager).update(
      { id },
      {
        lastLoginAt: now,
        failedLoginCount: 0,
        firstFailedLoginAt: null,
        ...(rehashed ? { passwordHash: rehashed } : {}),
      },
    );
  }

  /** A new password: older access tokens stop working, and any lockout ends. */
  async setPassword(id: string, hash: string, now: Date, manager: EntityManager): Promise<void> {
    this.cache.invalidateAfterCommit(manager, userCacheKey(id), authStateCacheKey(id));
    await this.repo(manager).update(
      { id },
      {
        passwordHash: hash,
        passwordChangedAt: now,
        lockedUntil: null,
        failedLoginCount: 0,
        firstFailedLoginAt: null,
      },
    );
  }

  private withHash() {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash');
  }

  private repo(manager?: EntityManager): Repository<User> {
    return manager ? manager.getRepository(User) : this.users;
  }
}
