import { resetTokenIn, startSmtp, TestSmtp } from './support/smtp';
import { createTestApp, json, TestApp } from './support/test-app';
import type { TokenPair } from './support/auth';

const APP_URL = 'https://app.quorum.test';

/**
 * Standard §6 / §11.4: a whole identity flow, with debug logs and SQL logging on, leaves no
 * password, token, reset link or email address in the log output.
 */
describe('identity flow leaves no secret in the logs (e2e)', () => {
  let smtp: TestSmtp;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      ALLOW_SIGNUP: 'true',
      SMTP_URL: smtp.url,
      APP_URL,
      LOG_LEVEL: 'trace',
      DB_LOGGING: 'true',
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('register → login → refresh → forgot → reset → change password → logout', async () => {
    const secrets: Record<string, string> = {};
    const email = 'Log.Watcher@Example.com';
    secrets.email = email;
    secrets.emailNormalized = email.toLowerCase();
    secrets.password = 'Watch-The-Logs-Passphrase-1';
    secrets.wrongPassword = 'Not-The-Right-Passphrase-0';
    secrets.resetPassword = 'Reset-Through-Mail-Phrase-2';
    secrets.changedPassword = 'Changed-At-Last-Passphrase-3';
    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url, payload, headers });
    const pair = (res: { body: string }) => json<{ payload: TokenPair }>(res).payload;

    expect(
      (
        await post('/api/v1/auth/register', {
          email,
          display_name: 'Log Watcher',
          password: secrets.password,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await post('/api/v1/auth/login', { email, password: secrets.wrongPassword })).statusCode,
    ).toBe(401);
    const weak = await post('/api/v1/auth/register', {
      email: 'x@example.com',
      display_name: 'X',
      password: 'password1234',
    });
    expect(weak.statusCode).toBe(400);
    secrets.weakPassword = 'password1234';

    const signedIn = pair(await post('/api/v1/auth/login', { email, password: secrets.password }));
    secrets.access1 = signedIn.access_token;
    secrets.refresh1 = signedIn.refresh_token;
    const auth = { authorization: `Bearer ${signedIn.access_token}` };
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: auth })).statusCode,
    ).toBe(200);

    const refreshed = pair(
      await post('/api/v1/auth/refresh', { refresh_token: signedIn.refresh_token }),
    );
    secrets.access2 = refreshed.access_token;
    secrets.refresh2 = refreshed.refresh_token;
    // Reuse of the first refresh token: logged as a warning, without the token.
    expect(
      (await post('/api/v1/auth/refresh', { refresh_token: signedIn.refresh_token })).statusCode,
    ).toBe(401);

    const since = smtp.mails.length;
    expect((await post('/api/v1/auth/password/forgot', { email })).statusCode).toBe(200);
    const { link, token } = resetTokenIn(await smtp.waitForMail(email, since), APP_URL);
    secrets.resetLink = link;
    secrets.resetToken = token;
    expect(
      (await post('/api/v1/auth/password/reset', { token, new_password: 'short' })).statusCode,
    ).toBe(400);
    expect(
      (await post('/api/v1/auth/password/reset', { token, new_password: secrets.resetPassword }))
        .statusCode,
    ).toBe(200);

    const again = pair(
      await post('/api/v1/auth/login', { email, password: secrets.resetPassword }),
    );
    secrets.access3 = again.access_token;
    secrets.refresh3 = again.refresh_token;
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/users/me/password',
      headers: { authorization: `Bearer ${again.access_token}` },
      payload: { current_password: secrets.resetPassword, new_password: secrets.changedPassword },
    });
    expect(changed.statusCode).toBe(200);
    const last = pair(changed);
    secrets.access4 = last.access_token;
    secrets.refresh4 = last.refresh_token;
    expect(
      (
        await post(
          '/api/v1/auth/logout',
          { refresh_token: last.refresh_token },
          { authorization: `Bearer ${last.access_token}` },
        )
      ).statusCode,
    ).toBe(200);

    await new Promise((r) => setTimeout(r, 100)); // the mail's own log line comes after its response
    const text = t.logs.text();
    const lines = t.logs.lines();
    expect(lines.length).toBeGreaterThan(20);
    // The flow is in the logs, by user id...
    expect(lines.some((l) => l.msg === 'Signed in' && typeof l.user_id === 'string')).toBe(true);
    expect(lines.some((l) => l.msg === 'Refresh token reused: its family is revoked')).toBe(true);
    expect(lines.some((l) => l.msg === 'Mail "password_reset" sent')).toBe(true);
    expect(
      lines.some((l) => String(l.msg).startsWith('GET /api/v1/users/me 200') && l.user_id),
    ).toBe(true);
    // ...and none of its secrets, nor any JWT-looking string, argon2 hash or bearer header.
    const leaked = Object.entries(secrets).filter(([, value]) => text.includes(value));
    expect(leaked.map(([name]) => name)).toEqual([]);
    for (const jwtPart of [secrets.access1, secrets.access4].map((jwt) => jwt.split('.')[1])) {
      expect(text).not.toContain(jwtPart);
    }
    expect(text).not.toMatch(/\$argon2id\$/);
    expect(text).not.toMatch(/Bearer ey/);
    expect(text).not.toMatch(/reset-password\?token/);
  });
});
