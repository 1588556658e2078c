import { Injectable } from '@nestjs/common';

import { AppCache } from '@app/cache';
import { AuthUser, normalizeEmail, PasswordHasher, PasswordPolicy, Role } from '@app/auth';
import { mapPage, NotFoundError, Page, parseSort, toPageRequest } from '@app/core';
import { onUniqueViolation, TransactionRunner } from '@app/database';

import { ListUsersQueryDto, USER_DEFAULT_SORT, USER_SORT_FIELDS } from './dto/list-users.query.dto';
import { UpdateUserReqDto } from './dto/update-user.req.dto';
import { UserResDto } from './dto/user.res.dto';
import { User } from './entities/user.entity';
import { userCacheKey } from './users.cache';
import { forbiddenSelfChange, passwordUserInputs } from './user-rules';
import { UsersErrors } from './users.exception';
import { UserChanges, UsersRepository } from './users.repository';

export interface NewUserInput {
  email: string;
  displayName: string;
  role: Role;
  password: string;
}

/** User accounts (the standard's controllers.py layer): profiles, admin management, creation. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly transactions: TransactionRunner,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly cache: AppCache,
  ) {}

  async list(query: ListUsersQueryDto): Promise<Page<UserResDto>> {
    const sort = parseSort(query.sort, USER_SORT_FIELDS, USER_DEFAULT_SORT);
    const page = await this.users.list(
      { role: query.role, isActive: query.is_active, q: query.q },
      sort,
      toPageRequest(query),
    );
    const now = new Date();
    return mapPage(page, (user) => UserResDto.from(user, now));
  }

  /** Served from the cache (the repository's writes invalidate it); a lapsed lock reads as none. */
  async get(id: string): Promise<UserResDto> {
    const user = await this.cache.getOrLoad(userCacheKey(id), async () => {
      const found = await this.users.findById(id);
      return found ? UserResDto.from(found) : null;
    });
    if (!user) throw NotFoundError.of('User', id);
    if (user.locked_until !== null && Date.parse(user.locked_until) <= Date.now()) {
      return { ...user, locked_until: null };
    }
    return user;
  }

  /** Register (role author) and admin creation: policy, hash, insert; 409 for a taken email. */
  async create(input: NewUserInput): Promise<UserResDto> {
    const email = input.email.trim();
    await this.policy.enforce(
      input.password,
      passwordUserInputs({ email, displayName: input.displayName }),
    );
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.uniqueEmail(() =>
      this.transactions.run((manager) =>
        this.users.insert(
          {
            email,
            emailNormalized: normalizeEmail(email),
            displayName: input.displayName,
            role: input.role,
            passwordHash,
            passwordChangedAt: new Date(),
          },
          manager,
        ),
      ),
    );
    return UserResDto.from(user);
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserReqDto): Promise<UserResDto> {
    const changes: UserChanges = {
      ...(dto.email !== undefined
        ? { email: dto.email.trim(), emailNormalized: normalizeEmail(dto.email) }
        : {}),
      ...(dto.display_name !== undefined ? { displayName: dto.display_name } : {}),
      ...(dto.role !== undefined ? { role: dto.role } : {}),
      ...(dto.is_active !== undefined ? { isActive: dto.is_active } : {}),
    };
    const refused = forbiddenSelfChange(actor, id, changes);
    if (refused) throw UsersErrors.selfChange(refused);
    const user = await this.uniqueEmail(() =>
      this.transactions.run(async (manager) => {
        if (!(await this.users.findById(id, manager))) throw NotFoundError.of('User', id);
        return this.users.update(id, changes, manager);
      }),
    );
    return UserResDto.from(user);
  }

  async updateProfile(actor: AuthUser, displayName: string): Promise<UserResDto> {
    const user = await this.transactions.run(async (manager) => {
      if (!(await this.users.findById(actor.id, manager))) throw NotFoundError.of('User', actor.id);
      return this.users.update(actor.id, { displayName }, manager);
    });
    return UserResDto.from(user);
  }

  /** Deletes the user; their refresh and reset tokens go with them (ON DELETE CASCADE). */
  async remove(actor: AuthUser, id: string): Promise<void> {
    const refused = forbiddenSelfChange(actor, id, 'delete');
    if (refused) throw UsersErrors.selfChange(refused);
    const deleted = await this.transactions.run((manager) => this.users.delete(id, manager));
    if (!deleted) throw NotFoundError.of('User', id);
  }

  async unlock(id: string): Promise<UserResDto> {
    const user = await this.transactions.run(async (manager) => {
      if (!(await this.users.findById(id, manager))) throw NotFoundError.of('User', id);
      await this.users.unlock(id, manager);
      return this.users.findById(id, manager);
    });
    return UserResDto.from(user as User);
  }

  private async require(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw NotFoundError.of('User', id);
    return user;
  }

  /** The unique index on the normalised email decides; its violation becomes a clear 409. */
  private uniqueEmail<T>(write: () => Promise<T>): Promise<T> {
    return onUniqueViolation(write, (cause) => UsersErrors.emailTaken(cause));
  }
}
