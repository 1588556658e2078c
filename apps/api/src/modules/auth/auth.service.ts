import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import {
  AccessTokenService,
  AuthErrors,
  AuthUser,
  hashOpaqueToken,
  newOpaqueToken,
  normalizeEmail,
  PasswordHasher,
  PasswordPolicy,
  Role,
} from '@app/auth';
import { AppConfig } from '@app/core';
import { TransactionRunner } from '@app/database';
import { MailService } from '@app/mail';

import { UserResDto } from '../users/dto/user.res.dto';
import { passwordUserInputs } from '../users/user-rules';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { TokenPairResDto } from './dto/token-pair.res.dto';
import { LockoutPolicy, lockSecondsRemaining, lockUntilAfter, windowStart } from './lockout-rules';
import { passwordResetMail } from './password-reset.mail';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository';
import { RefreshTokensRepository } from './refresh-tokens.repository';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Work to run after the response (a mail); the controller schedules it. */
export type AfterResponseTask = () => Promise<unknown>;

type RefreshOutcome =
  | { kind: 'ok'; user: { id: string; role: Role }; refreshToken: string; expiresAt: Date }
  | { kind: 'invalid' }
  | { kind: 'reused'; userId: string; familyId: string };

/**
 * Sign-in, token rotation, sign-out and password changes (the standard's controllers.py layer).
 * Passwords are hashed outside transactions (they take tens of milliseconds); each unit of work
 * that writes runs in one transaction. Emails, passwords and tokens are never logged: user ids are.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly lockout: LockoutPolicy;

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly usersService: UsersService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly resetTokens: PasswordResetTokensRepository,
    private readonly transactions: TransactionRunner,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly accessTokens: AccessTokenService,
    private readonly mail: MailService,
  ) {
    this.lockout = {
      maxAttempts: config.LOCKOUT_MAX_ATTEMPTS,
      windowMinutes: config.LOCKOUT_WINDOW_MIN,
      durationMinutes: config.LOCKOUT_DURATION_MIN,
    };
  }

  async register(input: {
    email: string;
    displayName: string;
    password: string;
  }): Promise<UserResDto> {
    if (!this.config.ALLOW_SIGNUP) throw AuthErrors.signupDisabled();
    const user = await this.usersService.create({ ...input, role: 'author' });
    this.logger.log({ user_id: user.id }, 'Account registered');
    return user;
  }

  /**
   * Unknown email and wrong password give the same 401 after the same work (one argon2
   * verification). The failure that reaches LOCKOUT_MAX_ATTEMPTS within the window locks the
   * account and is itself answered 403 ACCOUNT_LOCKED.
   */
  async login(email: string, password: string): Promise<TokenPairResDto> {
    const now = new Date();
    const user = await this.users.findWithHashByEmail(normalizeEmail(email));
    if (!user) {
      await this.hasher.verifyDummy(password);
      this.logger.warn('Sign-in failed: no such account');
      throw AuthErrors.invalidCredentials();
    }
    const locked = lockSecondsRemaining(user.lockedUntil, now);
    if (locked > 0) {
      this.logger.warn({ user_id: user.id }, 'Sign-in refused: account locked');
      throw AuthErrors.accountLocked(locked);
    }
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      return this.failLogin(user.id, now);
    }
    if (!user.isActive) {
      this.logger.warn({ user_id: user.id }, 'Sign-in refused: account deactivated');
      throw AuthErrors.accountDisabled();
    }
    const rehashed = this.hasher.needsRehash(user.passwordHash)
      ? await this.hasher.hash(password)
      : undefined;
    const refresh = newOpaqueToken();
    const expiresAt = this.refreshExpiry(now);
    await this.transactions.run(async (manager) => {
      await this.users.recordLogin(user.id, now, rehashed, manager);
      await this.refreshTokens.insert(
        { userId: user.id, familyId: randomUUID(), tokenHash: refresh.hash, expiresAt },
        manager,
      );
    });
    this.logger.log({ user_id: user.id }, 'Signed in');
    return this.tokenPair(user, refresh.token, expiresAt);
  }

  /**
   * Rotation: the presented token is marked used and its successor issued in the same family.
   * A token presented after it was used means it was copied: the whole family is revoked
   * (committed before the 401 is thrown), so neither the thief nor the owner can go on with it.
   */
  async refresh(presented: string): Promise<TokenPairResDto> {
    const now = new Date();
    const tokenHash = hashOpaqueToken(presented);
    const next = newOpaqueToken();
    const outcome = await this.transactions.run(async (manager): Promise<RefreshOutcome> => {
      const token = await this.refreshTokens.findByHash(tokenHash, manager);
      if (!token || token.revokedAt) return { kind: 'invalid' };
      const reused = async (): Promise<RefreshOutcome> => {
        await this.refreshTokens.revokeFamily(token.familyId, now, manager);
        return { kind: 'reused', userId: token.userId, familyId: token.familyId };
      };
      if (token.usedAt) return reused();
      if (token.expiresAt <= now) return { kind: 'invalid' };
      const user = await this.users.findById(token.userId, manager);
      if (!user || !user.isActive) return { kind: 'invalid' };
      if (!(await this.refreshTokens.markUsed(token.id, now, manager))) return reused();
      const expiresAt = this.refreshExpiry(now);
      await this.refreshTokens.insert(
        { userId: user.id, familyId: token.familyId, tokenHash: next.hash, expiresAt },
        manager,
      );
      return { kind: 'ok', user, refreshToken: next.token, expiresAt };
    });
    if (outcome.kind === 'reused') {
      this.logger.warn(
        { user_id: outcome.userId, token_family: outcome.familyId },
        'Refresh token reused: its family is revoked',
      );
      throw AuthErrors.refreshTokenReused();
    }
    if (outcome.kind === 'invalid') throw AuthErrors.refreshTokenInvalid();
    return this.tokenPair(outcome.user, outcome.refreshToken, outcome.expiresAt);
  }

  /** Revokes the session (token family) of the refresh token, if it is the caller's. */
  async logout(actor: AuthUser, presented: string): Promise<void> {
    const now = new Date();
    const revoked = await this.transactions.run(async (manager) => {
      const token = await this.refreshTokens.findByHash(hashOpaqueToken(presented), manager);
      if (!token || token.userId !== actor.id) return 0;
      return this.refreshTokens.revokeFamily(token.familyId, now, manager);
    });
    this.logger.log({ user_id: actor.id, revoked }, 'Signed out');
  }

  /**
   * Checks the current password, sets the new one, revokes every refresh token of the user (all
   * devices) and returns a fresh pair for this one. Access tokens issued before now stop working.
   */
  async changePassword(
    actor: AuthUser,
    currentPassword: string,
    newPassword: string,
  ): Promise<TokenPairResDto> {
    const user = await this.users.findWithHashById(actor.id);
    if (!user) throw AuthErrors.tokenRevoked();
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw AuthErrors.wrongPassword('current_password');
    }
    if (newPassword === currentPassword) {
      throw AuthErrors.weakPassword([
        {
          field: 'new_password',
          message: 'new_password must differ from current_password',
          constraints: ['isNewPassword'],
        },
      ]);
    }
    await this.policy.enforce(newPassword, passwordUserInputs(user), 'new_password');
    const hash = await this.hasher.hash(newPassword);
    const now = new Date();
    const refresh = newOpaqueToken();
    const expiresAt = this.refreshExpiry(now);
    await this.transactions.run(async (manager) => {
      await this.users.setPassword(user.id, hash, now, manager);
      await this.refreshTokens.revokeAllOfUser(user.id, now, manager);
      await this.resetTokens.invalidateAllOfUser(user.id, now, manager);
      await this.refreshTokens.insert(
        { userId: user.id, familyId: randomUUID(), tokenHash: refresh.hash, expiresAt },
        manager,
      );
    });
    this.logger.log({ user_id: user.id }, 'Password changed; other sessions revoked');
    return this.tokenPair(user, refresh.token, expiresAt);
  }

  /**
   * Issues a single-use reset token for an active account and returns the mail to send after
   * the response. Unknown and deactivated emails get a no-op, so the answer is the same.
   */
  async forgotPassword(email: string): Promise<AfterResponseTask> {
    const user = await this.users.findByEmail(normalizeEmail(email));
    if (!user || !user.isActive) {
      this.logger.log('Password reset asked for an unknown or deactivated account');
      return async () => undefined;
    }
    const now = new Date();
    const reset = newOpaqueToken();
    const expiresAt = new Date(now.getTime() + this.config.PASSWORD_RESET_TTL_MIN * MINUTE_MS);
    await this.transactions.run(async (manager) => {
      await this.resetTokens.invalidateAllOfUser(user.id, now, manager);
      await this.resetTokens.insert({ userId: user.id, tokenHash: reset.hash, expiresAt }, manager);
    });
    this.logger.log({ user_id: user.id }, 'Password reset link issued');
    const link = `${this.config.APP_URL.replace(/\/+$/, '')}/reset-password?token=${reset.token}`;
    const message = passwordResetMail(
      user.email,
      user.displayName,
      link,
      this.config.PASSWORD_RESET_TTL_MIN,
    );
    return () => this.mail.send(message);
  }

  /** Consumes the token (once), sets the password, ends any lockout and every session. */
  async resetPassword(presented: string, newPassword: string): Promise<void> {
    const now = new Date();
    const token = await this.resetTokens.findByHash(hashOpaqueToken(presented));
    if (!token || token.usedAt || token.expiresAt <= now) throw AuthErrors.resetTokenInvalid();
    const user = await this.users.findById(token.userId);
    if (!user || !user.isActive) throw AuthErrors.resetTokenInvalid();
    await this.policy.enforce(newPassword, passwordUserInputs(user), 'new_password');
    const hash = await this.hasher.hash(newPassword);
    const changedAt = new Date();
    const consumed = await this.transactions.run(async (manager) => {
      if (!(await this.resetTokens.markUsed(token.id, changedAt, manager))) return false;
      await this.users.setPassword(user.id, hash, changedAt, manager);
      await this.refreshTokens.revokeAllOfUser(user.id, changedAt, manager);
      await this.resetTokens.invalidateAllOfUser(user.id, changedAt, manager);
      return true;
    });
    if (!consumed) throw AuthErrors.resetTokenInvalid();
    this.logger.log({ user_id: user.id }, 'Password reset; all sessions revoked');
  }

  private async failLogin(userId: string, now: Date): Promise<never> {
    const lockedUntil = await this.transactions.run(async (manager) => {
      const failures = await this.users.recordFailedLogin(
        userId,
        now,
        windowStart(this.lockout, now),
        manager,
      );
      const until = lockUntilAfter(failures, this.lockout, now);
      if (until) await this.users.lock(userId, until, manager);
      return until;
    });
    if (lockedUntil) {
      this.logger.warn(
        { user_id: userId, locked_until: lockedUntil.toISOString() },
        `Account locked after ${this.lockout.maxAttempts} failed sign-ins`,
      );
      throw AuthErrors.accountLocked(lockSecondsRemaining(lockedUntil, now));
    }
    this.logger.warn({ user_id: userId }, 'Sign-in failed: wrong password');
    throw AuthErrors.invalidCredentials();
  }

  private refreshExpiry(now: Date): Date {
    return new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
  }

  private tokenPair(
    user: { id: string; role: Role },
    refreshToken: string,
    refreshExpiresAt: Date,
  ): TokenPairResDto {
    const access = this.accessTokens.issue({ id: String(user.id), role: user.role });
    return {
      access_token: access.token,
      token_type: 'Bearer',
      expires_in: access.expiresIn,
      refresh_token: refreshToken,
      refresh_token_expires_at: refreshExpiresAt.toISOString(),
    };
  }
}
