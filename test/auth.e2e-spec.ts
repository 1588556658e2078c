import { createHash } from 'node:crypto';

import { DataSource } from 'typeorm';

import { authHeaders, bearer, demoUser, login, TokenPair } from './support/auth';
import { createTestApp, json, TestApp } from './support/test-app';

interface ErrorBody {
  payload: {
    error_code: string;
    details?: { field: string; message: string }[];
    request_id: string;
  };
  message: string;
  is_error: true;
}

type Claims = Record<string, unknown>;
const decode = (jwt: string): [Claims, Claims] => {
  const [header, payload] = jwt
    .split('.')
    .slice(0, 2)
    .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Claims);
  return [header, payload];
};
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('auth (e2e)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let n = 0;
  const PASSWORD = 'Auth-e2e-Passphrase-4471';

  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload, headers });
  const me = (headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers });

  /** A fresh user (through the admin API) so tests do not share lockout or sessions. */
  async function newUser(role = 'author'): Promise<{ id: string; email: string }> {
    const email = `auth-${++n}-${Date.now().toString(36)}@auth.test`;
    const res = await post(
      '/api/v1/users',
      { email, display_name: `Auth ${n}`, role, password: PASSWORD },
      admin,
    );
    expect(res.statusCode).toBe(201);
    return json<{ payload: { id: string; email: string } }>(res).payload;
  }

  beforeAll(async () => {
    t = await createTestApp({ ALLOW_SIGNUP: 'true' });
    admin = await authHeaders(t, 'admin');
  });
  afterAll(() => t.close());

  describe('sign-in', () => {
    it('answers an access token with iss/aud/sub/role/jti (HS256, 15 min) and an opaque refresh token', async () => {
      const user = demoUser('reviewer');
      const res = await post('/api/v1/auth/login', { email: user.email, password: user.password });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = json<{ payload: TokenPair; message: string; is_error: boolean }>(res);
      expect(body).toMatchObject({ message: 'Signed in', is_error: false });
      const pair = body.payload;
      expect(pair).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
      const [header, claims] = decode(pair.access_token);
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(claims).toMatchObject({ iss: 'quorum', aud: 'quorum-api', role: 'reviewer' });
      expect(claims.sub).toMatch(/^[1-9]\d*$/);
      expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
      expect(pair.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(pair.refresh_token).not.toContain('.');
      expect((await me(bearer(pair.access_token))).statusCode).toBe(200);
    });

    it('takes the email case- and space-insensitively', async () => {
      const user = demoUser('author');
      const pair = await login(t, `  ${user.email.toUpperCase()} `, user.password);
      expect(decode(pair.access_token)[1].role).toBe('author');
    });

    it('gives unknown email and wrong password the same 401 in about the same time', async () => {
      // A user locks after 5 failures: three users share the seven rounds below.
      const users = [await newUser(), await newUser(), await newUser()];
      const attempt = async (email: string) => {
        const started = process.hrtime.bigint();
        const res = await post('/api/v1/auth/login', { email, password: 'Not-The-Password-123' });
        return { res, ms: Number(process.hrtime.bigint() - started) / 1e6 };
      };
      const known: number[] = [];
      const unknown: number[] = [];
      let bodies: ErrorBody[] = [];
      // Seven rounds, alternating which goes first, so a noisy neighbour on the CPU skews neither.
      for (let i = 0; i < 7; i++) {
        const email = users[Math.floor(i / 3)].email;
        const first = await attempt(i % 2 === 0 ? email : `nobody-${i}@auth.test`);
        const second = await attempt(i % 2 === 0 ? `nobody-${i}@auth.test` : email);
        const [a, b] = i % 2 === 0 ? [first, second] : [second, first];
        known.push(a.ms);
        unknown.push(b.ms);
        expect([a.res.statusCode, b.res.statusCode]).toEqual([401, 401]);
        bodies = [json<ErrorBody>(a.res), json<ErrorBody>(b.res)];
        const strip = (e: ErrorBody) => ({ ...e, payload: { ...e.payload, request_id: '' } });
        expect(strip(bodies[0])).toEqual(strip(bodies[1]));
      }
      expect(bodies[0].payload.error_code).toBe('INVALID_CREDENTIALS');
      const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
      // Without the dummy hash an unknown email answers tens of times faster than a known one;
      // the bounds leave room for a busy machine, not for a skipped hash.
      const ratio = median(known) / median(unknown);
      expect(ratio).toBeGreaterThan(1 / 3);
      expect(ratio).toBeLessThan(3);
    });

    it('refuses malformed input with 400 without echoing it', async () => {
      const res = await post('/api/v1/auth/login', { email: 'a@b.c', password: '' });
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain('a@b.c');
    });
  });

  describe('OAuth2 token endpoint (form, for Swagger UI)', () => {
    const form = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });

    it('password grant: the envelope plus RFC 6749 fields at the top level', async () => {
      const user = demoUser('admin');
      const res = await form({
        grant_type: 'password',
        username: user.email,
        password: user.password,
        scope: '',
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = json<TokenPair & { payload: TokenPair; is_error: boolean; message: string }>(
        res,
      );
      expect(body.is_error).toBe(false);
      expect(body.token_type).toBe('Bearer');
      expect(body.expires_in).toBe(900);
      expect(body.access_token).toBe(body.payload.access_token);
      expect(body.refresh_token).toBe(body.payload.refresh_token);
      expect((await me(bearer(body.access_token))).statusCode).toBe(200);
    });

    it('refresh_token grant rotates like /auth/refresh', async () => {
      const user = demoUser('admin');
      const first = json<TokenPair>(
        await form({ grant_type: 'password', username: user.email, password: user.password }),
      );
      const res = await form({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
      expect(res.statusCode).toBe(200);
      expect(json<TokenPair>(res).refresh_token).not.toBe(first.refresh_token);
    });

    it('wrong password → 401, unknown grant → 400', async () => {
      expect(
        (
          await form({
            grant_type: 'password',
            username: demoUser('admin').email,
            password: 'nope-nope-nope',
          })
        ).statusCode,
      ).toBe(401);
      const bad = await form({ grant_type: 'client_credentials' });
      expect(bad.statusCode).toBe(400);
      expect(json<ErrorBody>(bad).payload.details?.[0].field).toBe('grant_type');
    });
  });

  describe('refresh token rotation', () => {
    it('stores only the SHA-256 of refresh tokens', async () => {
      const user = await newUser();
      const pair = await login(t, user.email, PASSWORD);
      const rows = await t.app
        .get(DataSource)
        .query<{ token_hash: string }[]>('SELECT * FROM refresh_tokens WHERE user_id = ?', [
          user.id,
        ]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toBe(sha256(pair.refresh_token));
      expect(JSON.stringify(rows)).not.toContain(pair.refresh_token);
    });

    it('rotates: a new pair, the old refresh token dies; reusing it revokes the whole family', async () => {
      const user = await newUser();
      const first = await login(t, user.email, PASSWORD);
      const other = await login(t, user.email, PASSWORD); // a second sign-in: its own family

      const r1 = await post('/api/v1/auth/refresh', { refresh_token: first.refresh_token });
      expect(r1.statusCode).toBe(200);
      const second = json<{ payload: TokenPair }>(r1).payload;
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect((await me(bearer(second.access_token))).statusCode).toBe(200);

      const reuse = await post('/api/v1/auth/refresh', { refresh_token: first.refresh_token });
      expect(reuse.statusCode).toBe(401);
      expect(json<ErrorBody>(reuse).payload.error_code).toBe('REFRESH_TOKEN_REUSED');

      // The successor was revoked with its family (the thief's copy and the owner's alike)...
      const successor = await post('/api/v1/auth/refresh', { refresh_token: second.refresh_token });
      expect(successor.statusCode).toBe(401);
      expect(json<ErrorBody>(successor).payload.error_code).toBe('REFRESH_TOKEN_INVALID');
      // ...while the other sign-in goes on.
      expect(
        (await post('/api/v1/auth/refresh', { refresh_token: other.refresh_token })).statusCode,
      ).toBe(200);
    });

    it('lets exactly one of two concurrent refreshes with the same token win', async () => {
      const user = await newUser();
      const pair = await login(t, user.email, PASSWORD);
      const results = await Promise.all([
        post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token }),
        post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
    });

    it('refuses an unknown or expired refresh token', async () => {
      const unknown = await post('/api/v1/auth/refresh', { refresh_token: 'x'.repeat(43) });
      expect(json<ErrorBody>(unknown).payload.error_code).toBe('REFRESH_TOKEN_INVALID');

      const user = await newUser();
      const pair = await login(t, user.email, PASSWORD);
      await t.app
        .get(DataSource)
        .query(
          "UPDATE refresh_tokens SET expires_at = '2000-01-01 00:00:00.000' WHERE user_id = ?",
          [user.id],
        );
      const expired = await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token });
      expect(expired.statusCode).toBe(401);
      expect(json<ErrorBody>(expired).payload.error_code).toBe('REFRESH_TOKEN_INVALID');
    });

    it('logout revokes the refresh token (and its family); the access token lives until it expires', async () => {
      const user = await newUser();
      const pair = await login(t, user.email, PASSWORD);
      const rotated = json<{ payload: TokenPair }>(
        await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token }),
      ).payload;
      const out = await post(
        '/api/v1/auth/logout',
        { refresh_token: rotated.refresh_token },
        bearer(rotated.access_token),
      );
      expect(out.statusCode).toBe(200);
      expect(json(out)).toMatchObject({ payload: null, message: 'Signed out' });
      expect(
        (await post('/api/v1/auth/refresh', { refresh_token: rotated.refresh_token })).statusCode,
      ).toBe(401);
      expect((await me(bearer(rotated.access_token))).statusCode).toBe(200);
    });

    it('logout cannot revoke another user’s session', async () => {
      const victim = await newUser();
      const pair = await login(t, victim.email, PASSWORD);
      await post(
        '/api/v1/auth/logout',
        { refresh_token: pair.refresh_token },
        await authHeaders(t, 'author'),
      );
      expect(
        (await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token })).statusCode,
      ).toBe(200);
    });
  });

  describe('lockout', () => {
    it('locks after 5 failures in 15 minutes: 403 ACCOUNT_LOCKED with Retry-After, even for the right password', async () => {
      const user = await newUser();
      for (let i = 1; i <= 4; i++) {
        const res = await post('/api/v1/auth/login', {
          email: user.email,
          password: `wrong-password-${i}`,
        });
        expect(res.statusCode).toBe(401);
      }
      const fifth = await post('/api/v1/auth/login', {
        email: user.email,
        password: 'wrong-password-5',
      });
      expect(fifth.statusCode).toBe(403);
      expect(json<ErrorBody>(fifth).payload.error_code).toBe('ACCOUNT_LOCKED');
      const retryAfter = Number(fifth.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(890);
      expect(retryAfter).toBeLessThanOrEqual(900);

      const right = await post('/api/v1/auth/login', { email: user.email, password: PASSWORD });
      expect(right.statusCode).toBe(403);
      expect(json<ErrorBody>(right).payload.error_code).toBe('ACCOUNT_LOCKED');
      expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(retryAfter);

      const shown = json<{ payload: { locked_until: string | null } }>(
        await t.app.inject({ method: 'GET', url: `/api/v1/users/${user.id}`, headers: admin }),
      ).payload;
      expect(shown.locked_until).not.toBeNull();
    });

    it('an admin unlock lets the user in at once', async () => {
      const user = await newUser();
      for (let i = 0; i < 5; i++)
        await post('/api/v1/auth/login', { email: user.email, password: 'nope-nope-nope' });
      expect(
        (await post('/api/v1/auth/login', { email: user.email, password: PASSWORD })).statusCode,
      ).toBe(403);
      const unlock = await t.app.inject({
        method: 'POST',
        url: `/api/v1/users/${user.id}/unlock`,
        headers: admin,
      });
      expect(unlock.statusCode).toBe(200);
      expect(json(unlock)).toMatchObject({
        payload: { locked_until: null },
        message: 'User unlocked',
      });
      expect(
        (await post('/api/v1/auth/login', { email: user.email, password: PASSWORD })).statusCode,
      ).toBe(200);
    });

    it('the lock ends by itself after its duration', async () => {
      const user = await newUser();
      for (let i = 0; i < 5; i++)
        await post('/api/v1/auth/login', { email: user.email, password: 'nope-nope-nope' });
      await t.app
        .get(DataSource)
        .query("UPDATE users SET locked_until = '2000-01-01 00:00:00.000' WHERE id = ?", [user.id]);
      expect(
        (await post('/api/v1/auth/login', { email: user.email, password: PASSWORD })).statusCode,
      ).toBe(200);
    });

    it('failures older than the window do not count; a success resets the count', async () => {
      const user = await newUser();
      for (let i = 0; i < 4; i++)
        await post('/api/v1/auth/login', { email: user.email, password: 'nope-nope-nope' });
      await t.app
        .get(DataSource)
        .query("UPDATE users SET first_failed_login_at = '2000-01-01 00:00:00.000' WHERE id = ?", [
          user.id,
        ]);
      // A new window starts: four more failures do not lock.
      for (let i = 0; i < 4; i++) {
        expect(
          (await post('/api/v1/auth/login', { email: user.email, password: 'nope-nope-nope' }))
            .statusCode,
        ).toBe(401);
      }
      expect(
        (await post('/api/v1/auth/login', { email: user.email, password: PASSWORD })).statusCode,
      ).toBe(200);
      for (let i = 0; i < 4; i++) {
        expect(
          (await post('/api/v1/auth/login', { email: user.email, password: 'nope-nope-nope' }))
            .statusCode,
        ).toBe(401);
      }
    });

    it('counts concurrent failures without losing any', async () => {
      const user = await newUser();
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          post('/api/v1/auth/login', { email: user.email, password: 'nope-nope-nope' }),
        ),
      );
      expect(results.map((r) => r.statusCode).sort()).toEqual([401, 401, 401, 401, 403]);
    });

    it('an unknown email never locks anything', async () => {
      for (let i = 0; i < 6; i++) {
        expect(
          (
            await post('/api/v1/auth/login', {
              email: 'ghost@auth.test',
              password: 'nope-nope-nope',
            })
          ).statusCode,
        ).toBe(401);
      }
    });
  });

  describe('tokens stop working at once for deactivated, deleted and re-passworded users', () => {
    it('deactivation: 401 TOKEN_REVOKED on the next request, refresh refused, sign-in 403 ACCOUNT_DISABLED', async () => {
      const user = await newUser();
      const pair = await login(t, user.email, PASSWORD);
      expect((await me(bearer(pair.access_token))).statusCode).toBe(200);
      const off = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/users/${user.id}`,
        headers: admin,
        payload: { is_active: false },
      });
      expect(off.statusCode).toBe(200);
      const res = await me(bearer(pair.access_token));
      expect(res.statusCode).toBe(401);
      expect(json<ErrorBody>(res).payload.error_code).toBe('TOKEN_REVOKED');
      expect(
        (await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token })).statusCode,
      ).toBe(401);
      const signIn = await post('/api/v1/auth/login', { email: user.email, password: PASSWORD });
      expect(signIn.statusCode).toBe(403);
      expect(json<ErrorBody>(signIn).payload.error_code).toBe('ACCOUNT_DISABLED');
      // A wrong password for a deactivated account is the ordinary 401.
      expect(
        (await post('/api/v1/auth/login', { email: user.email, password: 'nope-nope-nope' }))
          .statusCode,
      ).toBe(401);
    });

    it('deletion: 401 for its tokens, and its refresh tokens are gone with it', async () => {
      const user = await newUser();
      const pair = await login(t, user.email, PASSWORD);
      expect(
        (await t.app.inject({ method: 'DELETE', url: `/api/v1/users/${user.id}`, headers: admin }))
          .statusCode,
      ).toBe(200);
      expect((await me(bearer(pair.access_token))).statusCode).toBe(401);
      expect(
        (await post('/api/v1/auth/refresh', { refresh_token: pair.refresh_token })).statusCode,
      ).toBe(401);
      const rows = await t.app
        .get(DataSource)
        .query<unknown[]>('SELECT id FROM refresh_tokens WHERE user_id = ?', [user.id]);
      expect(rows).toEqual([]);
    });

    it('a role change applies to the next request', async () => {
      const user = await newUser('author');
      const pair = await login(t, user.email, PASSWORD);
      const list = () =>
        t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(pair.access_token) });
      expect((await list()).statusCode).toBe(403);
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/users/${user.id}`,
        headers: admin,
        payload: { role: 'admin' },
      });
      expect((await list()).statusCode).toBe(200);
    });

    it('password change: checks the current one, refuses a weak one, revokes every other session', async () => {
      const user = await newUser();
      const old = await login(t, user.email, PASSWORD);
      const elsewhere = await login(t, user.email, PASSWORD);
      const change = (headers: Record<string, string>, current: string, next: string) =>
        t.app.inject({
          method: 'PUT',
          url: '/api/v1/users/me/password',
          headers,
          payload: { current_password: current, new_password: next },
        });

      const wrong = await change(
        bearer(old.access_token),
        'not-my-password',
        'Fresh-Passphrase-8812',
      );
      expect(wrong.statusCode).toBe(400);
      expect(json<ErrorBody>(wrong).payload.error_code).toBe('WRONG_PASSWORD');

      const weak = await change(bearer(old.access_token), PASSWORD, 'password1234');
      expect(weak.statusCode).toBe(400);
      expect(json<ErrorBody>(weak).payload).toMatchObject({
        error_code: 'WEAK_PASSWORD',
        details: [expect.objectContaining({ field: 'new_password' })],
      });
      const same = await change(bearer(old.access_token), PASSWORD, PASSWORD);
      expect(same.statusCode).toBe(400);

      await sleep(1100); // access tokens carry whole seconds: make the old ones strictly older
      const ok = await change(bearer(old.access_token), PASSWORD, 'Fresh-Passphrase-8812');
      expect(ok.statusCode).toBe(200);
      const fresh = json<{ payload: TokenPair }>(ok).payload;

      expect((await me(bearer(fresh.access_token))).statusCode).toBe(200);
      const stale = await me(bearer(old.access_token));
      expect(stale.statusCode).toBe(401);
      expect(json<ErrorBody>(stale).payload.error_code).toBe('TOKEN_REVOKED');
      for (const token of [old.refresh_token, elsewhere.refresh_token]) {
        expect((await post('/api/v1/auth/refresh', { refresh_token: token })).statusCode).toBe(401);
      }
      expect(
        (await post('/api/v1/auth/refresh', { refresh_token: fresh.refresh_token })).statusCode,
      ).toBe(200);
      expect(
        (await post('/api/v1/auth/login', { email: user.email, password: PASSWORD })).statusCode,
      ).toBe(401);
      await login(t, user.email, 'Fresh-Passphrase-8812');
    });
  });

  describe('sign-up', () => {
    it('creates an author (ALLOW_SIGNUP=true), stores the email normalised and never answers a hash', async () => {
      const res = await post('/api/v1/auth/register', {
        email: '  Grace.Hopper@Example.COM ',
        display_name: '<b>Grace</b> Hopper',
        password: 'Cobol-Compiler-Pioneer-1952',
      });
      expect(res.statusCode).toBe(201);
      const body = json<{ payload: Record<string, unknown>; message: string }>(res);
      expect(body.message).toBe('Account created');
      expect(body.payload).toMatchObject({
        email: 'Grace.Hopper@Example.COM',
        display_name: 'Grace Hopper',
        role: 'author',
        is_active: true,
      });
      expect(res.body).not.toMatch(/hash|argon|Cobol/i);
      const [row] = await t.app
        .get(DataSource)
        .query<{ email_normalized: string }[]>('SELECT email_normalized FROM users WHERE id = ?', [
          body.payload.id,
        ]);
      expect(row.email_normalized).toBe('grace.hopper@example.com');
      await login(t, 'grace.hopper@example.com', 'Cobol-Compiler-Pioneer-1952');
    });

    it('refuses the same email in another case with 409', async () => {
      const res = await post('/api/v1/auth/register', {
        email: 'GRACE.HOPPER@example.com',
        display_name: 'Impostor',
        password: 'Another-Strong-Passphrase-77',
      });
      expect(res.statusCode).toBe(409);
      expect(json<ErrorBody>(res).payload.error_code).toBe('DUPLICATE');
    });

    it.each([
      ['a common password', 'password1234', /commonly used password/],
      ['a keyboard pattern', 'qwertyuiop123', /too easy to guess/],
      ['the user’s own email', 'alan.turing@example.com', /too easy to guess/],
    ])('refuses %s with a clear 400 WEAK_PASSWORD', async (_case, password, message) => {
      const res = await post('/api/v1/auth/register', {
        email: 'alan.turing@example.com',
        display_name: 'Alan Turing',
        password,
      });
      expect(res.statusCode).toBe(400);
      const body = json<ErrorBody>(res);
      expect(body.payload.error_code).toBe('WEAK_PASSWORD');
      expect(body.payload.details?.[0].field).toBe('password');
      expect(body.payload.details?.[0].message).toMatch(message);
      expect(res.body).not.toContain(password);
    });

    it.each([
      ['too short', { password: 'Short-1!' }, 'password'],
      ['too long', { password: 'x'.repeat(129) }, 'password'],
      ['an invalid email', { email: 'not-an-email' }, 'email'],
      ['an unknown field', { role: 'admin' }, 'role'],
    ])('refuses %s with 400', async (_case, over, field) => {
      const res = await post('/api/v1/auth/register', {
        email: 'someone@example.com',
        display_name: 'Someone',
        password: 'Valid-Long-Passphrase-31',
        ...over,
      });
      expect(res.statusCode).toBe(400);
      expect(json<ErrorBody>(res).payload.details?.map((d) => d.field)).toContain(field);
    });
  });

  describe('with ALLOW_SIGNUP unset', () => {
    let closed: TestApp;
    beforeAll(async () => {
      closed = await createTestApp();
    });
    afterAll(() => closed.close());

    it('refuses sign-up with 403 SIGNUP_DISABLED', async () => {
      const res = await closed.app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: {
          email: 'new@example.com',
          display_name: 'New',
          password: 'Valid-Long-Passphrase-31',
        },
      });
      expect(res.statusCode).toBe(403);
      expect(json<ErrorBody>(res).payload.error_code).toBe('SIGNUP_DISABLED');
    });

    it('seeds one demo user per role who can sign in', async () => {
      for (const role of ['admin', 'reviewer', 'author'] as const) {
        const user = demoUser(role);
        const pair = await login(closed, user.email, user.password);
        expect(decode(pair.access_token)[1].role).toBe(role);
      }
    });
  });
});
