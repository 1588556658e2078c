import { PasswordHasher } from '@app/auth';
import { loadConfig } from '@app/core';
import { SeedRegistry } from '@app/database';

import { UsersSeedPreparer } from './users.seed';

const row = {
  email: ' Admin@Quorum.local ',
  displayName: 'Ada Admin',
  role: 'admin',
  password: 'Quorum-Admin-Demo-2026',
};

describe('UsersSeedPreparer', () => {
  const hasher = new PasswordHasher();
  const prepare = (env: Record<string, string>) =>
    new UsersSeedPreparer(new SeedRegistry(), hasher, loadConfig(env)).prepare({ ...row });
  const production = {
    NODE_ENV: 'production',
    CURSOR_SECRET: 'c'.repeat(40),
    JWT_SECRET: 'j'.repeat(40),
  };

  it('hashes the password and normalises the email; the plain password is not kept', async () => {
    const prepared = await prepare({});
    expect(prepared).toMatchObject({
      email: 'Admin@Quorum.local',
      emailNormalized: 'admin@quorum.local',
      role: 'admin',
    });
    expect(prepared).not.toHaveProperty('password');
    expect(prepared).not.toHaveProperty('isActive');
    expect(await hasher.verify(prepared.passwordHash as string, row.password)).toBe(true);
  });

  it('in production creates the demo user deactivated, with a password nobody knows', async () => {
    const prepared = await prepare(production);
    expect(prepared.isActive).toBe(false);
    expect(await hasher.verify(prepared.passwordHash as string, row.password)).toBe(false);
  });

  it('SEED_DEMO_USERS=true keeps the demo user usable in production (a demo deployment)', async () => {
    const prepared = await prepare({ ...production, SEED_DEMO_USERS: 'true' });
    expect(prepared).not.toHaveProperty('isActive');
    expect(await hasher.verify(prepared.passwordHash as string, row.password)).toBe(true);
  });

  it('registers itself for the User entity', () => {
    const registry = new SeedRegistry();
    new UsersSeedPreparer(registry, hasher, loadConfig({})).onModuleInit();
    expect(registry.preparerFor('User')).toBeDefined();
  });
});
