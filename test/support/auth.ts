import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SeedRunner } from '@app/database';

import type { TestApp } from './test-app';

const USERS_SEED = join(__dirname, '..', '..', 'seeds', '020-users.json');

export type TestRole = 'admin' | 'reviewer' | 'author';

export interface DemoUser {
  email: string;
  password: string;
  displayName: string;
  role: TestRole;
}

/** The seeded demo users, read from the same JSON the seed runner loads. */
export function demoUser(role: TestRole): DemoUser {
  const seed = JSON.parse(readFileSync(USERS_SEED, 'utf8')) as { rows: DemoUser[] };
  const user = seed.rows.find((row) => row.role === role);
  if (!user) throw new Error(`seeds/020-users.json has no ${role}`);
  return user;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
  refresh_token_expires_at: string;
}

/** Signs in through the real endpoint; fails the test with the answer when it does not work. */
export async function login(t: TestApp, email: string, password: string): Promise<TokenPair> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  if (res.statusCode !== 200) {
    throw new Error(`login as ${email} failed: ${res.statusCode} ${res.body}`);
  }
  return (JSON.parse(res.body) as { payload: TokenPair }).payload;
}

/**
 * Makes sure the demo users exist, also in apps booted with DB_SEED_ON_START=false: runs the real
 * seed runner on seeds/020-users.json alone (idempotent; other seed files are left out).
 */
export async function ensureDemoUsers(t: TestApp): Promise<void> {
  const dir = join(t.dir, 'users-seed');
  mkdirSync(dir, { recursive: true });
  copyFileSync(USERS_SEED, join(dir, '020-users.json'));
  await t.app.get(SeedRunner).run(dir);
}

const cache = new WeakMap<TestApp, Map<TestRole, string>>();

/**
 * Headers that authenticate a request as the seeded demo user of the given role: a real sign-in
 * with the demo credentials, done once per app and role (the token lives 15 minutes).
 */
export async function authHeaders(t: TestApp, role: TestRole): Promise<Record<string, string>> {
  let tokens = cache.get(t);
  if (!tokens) {
    await ensureDemoUsers(t);
    tokens = new Map();
    cache.set(t, tokens);
  }
  let token = tokens.get(role);
  if (!token) {
    const user = demoUser(role);
    token = (await login(t, user.email, user.password)).access_token;
    tokens.set(role, token);
  }
  return { authorization: `Bearer ${token}` };
}

/** `Authorization: Bearer <token>`. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
