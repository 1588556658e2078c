import type { TestApp } from './test-app';

export type TestRole = 'admin' | 'reviewer' | 'author';

/**
 * Headers that authenticate a request as a seeded demo user of the given role.
 * The identity module replaces this body with a real login; until then every route is open.
 */
export async function authHeaders(_t: TestApp, _role: TestRole): Promise<Record<string, string>> {
  return {};
}
