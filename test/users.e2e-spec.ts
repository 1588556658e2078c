import { authHeaders, bearer, demoUser, login } from './support/auth';
import { createTestApp, json, TestApp } from './support/test-app';

interface User {
  id: string;
  email: string;
  display_name: string;
  role: string;
  is_active: boolean;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}
interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}
interface ErrorBody {
  payload: { error_code: string; details?: { field: string }[] };
}

const USER_KEYS = [
  'created_at',
  'display_name',
  'email',
  'id',
  'is_active',
  'last_login_at',
  'locked_until',
  'role',
  'updated_at',
];

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  }
  return [];
}

describe('users (e2e)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let author: Record<string, string>;
  const PASSWORD = 'Users-e2e-Passphrase-5810';

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers = admin,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  async function create(email: string, role = 'author', display_name = 'Someone'): Promise<User> {
    const res = await call('POST', '/api/v1/users', admin, {
      email,
      display_name,
      role,
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(201);
    return json<{ payload: User }>(res).payload;
  }

  beforeAll(async () => {
    t = await createTestApp({ DB_SEED_ON_START: 'false' });
    admin = await authHeaders(t, 'admin');
    author = await authHeaders(t, 'author');
  });
  afterAll(() => t.close());

  describe('me', () => {
    it('GET /users/me returns the caller, snake_case, id as a string, no secrets', async () => {
      const res = await call('GET', '/api/v1/users/me', author);
      expect(res.statusCode).toBe(200);
      const me = json<{ payload: User }>(res).payload;
      expect(Object.keys(me).sort()).toEqual(USER_KEYS);
      expect(me).toMatchObject({
        email: demoUser('author').email,
        role: 'author',
        is_active: true,
      });
      expect(me.id).toMatch(/^[1-9]\d*$/);
      expect(me.last_login_at).not.toBeNull();
    });

    it('PUT /users/me changes the display name (HTML stripped) and nothing else', async () => {
      const res = await call('PUT', '/api/v1/users/me', author, {
        display_name: ' <i>Arthur</i> A. ',
      });
      expect(res.statusCode).toBe(200);
      expect(json(res)).toMatchObject({
        payload: { display_name: 'Arthur A.', role: 'author' },
        message: 'Profile updated',
      });
      const sneaky = await call('PUT', '/api/v1/users/me', author, {
        display_name: 'X',
        role: 'admin',
      });
      expect(sneaky.statusCode).toBe(400);
      expect(json<ErrorBody>(sneaky).payload.details?.map((d) => d.field)).toEqual(['role']);
    });
  });

  describe('admin management', () => {
    it('POST creates a user of any role with a normalised, unique email', async () => {
      const user = await create('  Mixed.Case@Users.TEST ', 'reviewer', 'Mixed Case');
      expect(user).toMatchObject({
        email: 'Mixed.Case@Users.TEST',
        role: 'reviewer',
        is_active: true,
        locked_until: null,
      });
      const dup = await call('POST', '/api/v1/users', admin, {
        email: 'mixed.case@users.test',
        display_name: 'Again',
        role: 'author',
        password: PASSWORD,
      });
      expect(dup.statusCode).toBe(409);
      expect(json<ErrorBody>(dup).payload.error_code).toBe('DUPLICATE');
      await login(t, 'MIXED.case@users.test', PASSWORD);
    });

    it('POST refuses an unknown role, a bad email and a weak password', async () => {
      const base = {
        email: 'valid@users.test',
        display_name: 'V',
        role: 'author',
        password: PASSWORD,
      };
      for (const [over, field] of [
        [{ role: 'root' }, 'role'],
        [{ email: 'nope' }, 'email'],
        [{ password: 'password1234' }, 'password'],
      ] as const) {
        const res = await call('POST', '/api/v1/users', admin, { ...base, ...over });
        expect(res.statusCode).toBe(400);
        expect(json<ErrorBody>(res).payload.details?.[0].field).toBe(field);
      }
    });

    it('GET /users pages with totals and filters by role, is_active and q', async () => {
      const tag = `flt${Date.now().toString(36)}`;
      const a = await create(`${tag}-a@users.test`, 'reviewer', 'Filter Alpha');
      const b = await create(`${tag}-b@users.test`, 'reviewer', 'Filter Beta');
      await create(`${tag}-c@users.test`, 'author', `Filter ${tag.toUpperCase()} Gamma`);
      await call('PUT', `/api/v1/users/${b.id}`, admin, { is_active: false });

      const list = async (query: string) => {
        const res = await call('GET', `/api/v1/users?${query}`);
        expect(res.statusCode).toBe(200);
        return json<{ payload: Page<User> }>(res).payload;
      };
      const byQ = await list(`q=${tag}`);
      expect(byQ.total).toBe(3); // email or display name, case-insensitively
      expect((await list(`q=${tag}&role=reviewer`)).items.map((u) => u.id).sort()).toEqual(
        [a.id, b.id].sort(),
      );
      expect((await list(`q=${tag}&role=reviewer&is_active=true`)).items.map((u) => u.id)).toEqual([
        a.id,
      ]);
      expect((await list(`q=${tag}&is_active=false`)).items.map((u) => u.id)).toEqual([b.id]);

      const first = await list(`q=${tag}&page=1&page_size=2&sort=email`);
      expect(first).toMatchObject({ total: 3, page: 1, page_size: 2, total_pages: 2 });
      const second = await list(`q=${tag}&page=2&page_size=2&sort=email`);
      expect(second.items).toHaveLength(1);
      const emails = [...first.items, ...second.items].map((u) => u.email);
      expect(emails).toEqual([...emails].sort());

      const desc = await list(`q=${tag}&sort=-created_at`);
      expect(desc.items[0].email).toContain(`${tag}-c`);
    });

    it('GET /users refuses bad filters with 400', async () => {
      for (const query of ['role=root', 'is_active=maybe', 'page_size=101', 'sort=password_hash']) {
        expect((await call('GET', `/api/v1/users?${query}`)).statusCode).toBe(400);
      }
    });

    it('q matches literally (LIKE wildcards escaped)', async () => {
      const res = await call('GET', '/api/v1/users?q=%25');
      expect(json<{ payload: Page<User> }>(res).payload.total).toBe(0);
    });

    it('GET/PUT/DELETE /users/{id}', async () => {
      const user = await create(`crud-${Date.now()}@users.test`);
      expect(json(await call('GET', `/api/v1/users/${user.id}`))).toMatchObject({
        payload: { id: user.id },
      });

      const put = await call('PUT', `/api/v1/users/${user.id}`, admin, {
        email: `Renamed-${user.id}@Users.test`,
        display_name: 'Renamed',
        role: 'reviewer',
      });
      expect(put.statusCode).toBe(200);
      expect(json(put)).toMatchObject({
        payload: {
          display_name: 'Renamed',
          role: 'reviewer',
          email: `Renamed-${user.id}@Users.test`,
        },
        message: 'User updated',
      });
      await login(t, `renamed-${user.id}@users.test`, PASSWORD);

      const taken = await call('PUT', `/api/v1/users/${user.id}`, admin, {
        email: demoUser('author').email.toUpperCase(),
      });
      expect(taken.statusCode).toBe(409);

      const del = await call('DELETE', `/api/v1/users/${user.id}`);
      expect(del.statusCode).toBe(200);
      expect(json(del)).toMatchObject({ payload: null, message: 'User deleted' });
      expect((await call('GET', `/api/v1/users/${user.id}`)).statusCode).toBe(404);
      expect((await call('DELETE', `/api/v1/users/${user.id}`)).statusCode).toBe(404);
      expect(
        (await call('PUT', `/api/v1/users/${user.id}`, admin, { display_name: 'Ghost' }))
          .statusCode,
      ).toBe(404);
      expect((await call('POST', `/api/v1/users/${user.id}/unlock`)).statusCode).toBe(404);
      expect((await call('GET', '/api/v1/users/abc')).statusCode).toBe(400);
    });

    it('an admin cannot delete, deactivate or demote themself (403 SELF_CHANGE_FORBIDDEN)', async () => {
      const myId = json<{ payload: User }>(await call('GET', '/api/v1/users/me')).payload.id;
      for (const [method, payload] of [
        ['DELETE', undefined],
        ['PUT', { is_active: false }],
        ['PUT', { role: 'author' }],
      ] as const) {
        const res = await call(method, `/api/v1/users/${myId}`, admin, payload);
        expect(res.statusCode).toBe(403);
        expect(json<ErrorBody>(res).payload.error_code).toBe('SELF_CHANGE_FORBIDDEN');
      }
      expect(
        (await call('PUT', `/api/v1/users/${myId}`, admin, { display_name: 'Still Ada' }))
          .statusCode,
      ).toBe(200);
    });
  });

  it('no response carries a password, hash or token field', async () => {
    const responses = await Promise.all([
      call('GET', '/api/v1/users?page_size=100'),
      call('GET', '/api/v1/users/me', author),
      call('POST', '/api/v1/users', admin, {
        email: `secretless-${Date.now()}@users.test`,
        display_name: 'S',
        role: 'author',
        password: PASSWORD,
      }),
    ]);
    for (const res of responses) {
      expect(res.statusCode).toBeLessThan(300);
      expect(
        keysOf(JSON.parse(res.body)).filter((k) => /pass|hash|token|secret|fail/i.test(k)),
      ).toEqual([]);
      expect(res.body).not.toMatch(/\$argon2|Users-e2e-Passphrase/);
    }
    const mine = await login(t, demoUser('reviewer').email, demoUser('reviewer').password);
    const meRes = await call('GET', '/api/v1/users/me', bearer(mine.access_token));
    expect(meRes.body).not.toContain(mine.refresh_token);
  });
});
