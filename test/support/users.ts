import { randomUUID } from 'node:crypto';

import { authHeaders, TestRole } from './auth';
import { json, TestApp } from './test-app';

export const TEST_PASSWORD = 'Quorum-e2e-Passphrase-8841!';

export interface TestUser {
  id: string;
  email: string;
  role: TestRole;
  headers: Record<string, string>;
}

/** Creates a user through the admin API and signs in as them (a fresh user per call). */
export async function createSignedInUser(
  t: TestApp,
  role: TestRole,
  label: string = role,
): Promise<TestUser> {
  const admin = await authHeaders(t, 'admin');
  const email = `${label}-${randomUUID().slice(0, 8)}@e2e.quorum.test`;
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin,
    payload: { email, display_name: `${label} user`, role, password: TEST_PASSWORD },
  });
  if (created.statusCode !== 201)
    throw new Error(`creating ${role} failed: ${created.statusCode} ${created.body}`);
  const id = json<{ payload: { id: string } }>(created).payload.id;
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  if (login.statusCode !== 200)
    throw new Error(`login as ${role} failed: ${login.statusCode} ${login.body}`);
  const token = json<{ payload: { access_token: string } }>(login).payload.access_token;
  return { id, email, role, headers: { authorization: `Bearer ${token}` } };
}
