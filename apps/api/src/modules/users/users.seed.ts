import { randomBytes } from 'node:crypto';

import { Injectable, Logger, OnModuleInit } from '@nestjs/common';

import { normalizeEmail, PasswordHasher } from '@app/auth';
import { AppConfig } from '@app/core';
import { SeedRegistry } from '@app/database';

/**
 * Turns a row of seeds/020-users.json ({ email, displayName, role, password }) into a User:
 * normalised email, argon2id hash. In production the demo accounts are created deactivated with
 * a random password, so the published demo credentials never open a production system, unless
 * SEED_DEMO_USERS=true asks for them explicitly (a demo deployment).
 */
@Injectable()
export class UsersSeedPreparer implements OnModuleInit {
  private readonly logger = new Logger(UsersSeedPreparer.name);

  constructor(
    private readonly registry: SeedRegistry,
    private readonly hasher: PasswordHasher,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.registerPreparer('User', (row) => this.prepare(row));
  }

  async prepare(row: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { password, ...rest } = row;
    if (typeof password !== 'string' || typeof rest.email !== 'string') {
      throw new Error('A User seed row needs "email" and "password" strings');
    }
    const email = rest.email.trim();
    const usable = this.config.SEED_DEMO_USERS ?? !this.config.isProduction;
    if (!usable) {
      this.logger.warn('Demo user seeded deactivated, with a random password (production)');
    } else if (this.config.isProduction) {
      this.logger.warn('SEED_DEMO_USERS=true: a demo user with a published password is active');
    }
    return {
      ...rest,
      email,
      emailNormalized: normalizeEmail(email),
      passwordHash: await this.hasher.hash(
        usable ? password : randomBytes(32).toString('base64url'),
      ),
      passwordChangedAt: new Date(),
      ...(usable ? {} : { isActive: false }),
    };
  }
}
