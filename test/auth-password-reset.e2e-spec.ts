import { createHash } from 'node:crypto';

import { DataSource } from 'typeorm';

import { authHeaders, login, TokenPair } from './support/auth';
import { resetTokenIn, startSmtp, TestSmtp } from './support/smtp';
import { createTestApp, json, TestApp } from './support/test-app';

const APP_URL = 'https://app.quorum.test';

interface ErrorBody {
  payload: {
    error_code: string;
    details?: { field: string; message: string }[];
    request_id: string;
  };
  is_error: true;
}

describe('password reset by mail, through a real SMTP server (e2e)', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let n = 0;
  const PASSWORD = 'Before-Reset-Passphrase-20';

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
  const forgot = (email: string) => post('/api/v1/auth/password/forgot', { email });
  const reset = (token: string, password: string) =>
    post('/api/v1/auth/password/reset', { token, new_password: password });

  async function newUser(): Promise<{ id: string; email: string }> {
    const email = `reset-${++n}-${Date.now().toString(36)}@reset.test`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: await authHeaders(t, 'admin'),
      payload: { email, display_name: `Reset ${n}`, role: 'author', password: PASSWORD },
    });
    return json<{ payload: { id: string; email: string } }>(res).payload;
  }

  /** Asks for a reset and follows the link in the mail that arrives. */
  async function resetLinkFor(email: string): Promise<{ link: string; token: string }> {
    const since = smtp.mails.length;
    expect((await forgot(email)).statusCode).toBe(200);
    return resetTokenIn(await smtp.waitForMail(email, since), APP_URL);
  }

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({
      SMTP_URL: smtp.url,
      APP_URL,
      MAIL_FROM: 'Quorum <no-reply@quorum.test>',
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('mails a single-use link after the response, and the token in it sets a new password', async () => {
    const user = await newUser();
    const session = await login(t, user.email, PASSWORD);

    // A slow SMTP server: the answer must not wait for it.
    smtp.setGreetingDelay(1500);
    const since = smtp.mails.length;
    const started = Date.now();
    const res = await forgot(user.email.toUpperCase());
    const answeredIn = Date.now() - started;
    expect(res.statusCode).toBe(200);
    expect(answeredIn).toBeLessThan(1000);
    expect(smtp.mails.length).toBe(since);
    const mail = await smtp.waitForMail(user.email, since);
    smtp.setGreetingDelay(0);

    expect(mail.subject).toBe('Reset your Quorum password');
    expect(mail.from?.text).toContain('no-reply@quorum.test');
    const { link, token } = resetTokenIn(mail, APP_URL);
    expect(link.startsWith(`${APP_URL}/reset-password?token=`)).toBe(true);
    expect(mail.html || '').toContain(token);

    // Stored as its SHA-256 only.
    const rows = await t.app
      .get(DataSource)
      .query<{ token_hash: string }[]>(
        'SELECT token_hash FROM password_reset_tokens WHERE user_id = ?',
        [user.id],
      );
    expect(rows.map((r) => r.token_hash)).toEqual([
      createHash('sha256').update(token).digest('hex'),
    ]);

    // A weak password is refused and does not use the token up.
    const weak = await reset(token, 'password1234');
    expect(weak.statusCode).toBe(400);
    expect(json<ErrorBody>(weak).payload.error_code).toBe('WEAK_PASSWORD');

    const done = await reset(token, 'After-Reset-Passphrase-93');
    expect(done.statusCode).toBe(200);
    expect(json(done)).toMatchObject({ payload: null, is_error: false });

    expect(
      (await post('/api/v1/auth/login', { email: user.email, password: PASSWORD })).statusCode,
    ).toBe(401);
    await login(t, user.email, 'After-Reset-Passphrase-93');
    // Every earlier session is over.
    expect(
      (await post('/api/v1/auth/refresh', { refresh_token: session.refresh_token })).statusCode,
    ).toBe(401);

    const again = await reset(token, 'Third-Passphrase-Attempt-54');
    expect(again.statusCode).toBe(400);
    expect(json<ErrorBody>(again).payload.error_code).toBe('RESET_TOKEN_INVALID');
  });

  it('answers an unknown email exactly like a known one, and sends nothing', async () => {
    const user = await newUser();
    const known = await forgot(user.email);
    const since = smtp.mails.length;
    const unknown = await forgot('nobody-here@reset.test');
    const strip = (b: string) => ({ ...JSON.parse(b), payload: null }) as unknown;
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(strip(unknown.body)).toEqual(strip(known.body));
    await smtp.waitForMail(user.email);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.slice(since).some((m) => m.text?.includes('nobody-here'))).toBe(false);
  });

  it('refuses an expired token', async () => {
    const user = await newUser();
    const { token } = await resetLinkFor(user.email);
    await t.app
      .get(DataSource)
      .query(
        "UPDATE password_reset_tokens SET expires_at = '2000-01-01 00:00:00.000' WHERE user_id = ?",
        [user.id],
      );
    const res = await reset(token, 'Expired-Link-Passphrase-11');
    expect(json<ErrorBody>(res).payload.error_code).toBe('RESET_TOKEN_INVALID');
  });

  it('a newer link replaces the older one', async () => {
    const user = await newUser();
    const first = await resetLinkFor(user.email);
    const second = await resetLinkFor(user.email);
    expect((await reset(first.token, 'Older-Link-Passphrase-67')).statusCode).toBe(400);
    expect((await reset(second.token, 'Newer-Link-Passphrase-68')).statusCode).toBe(200);
  });

  it('is single-use under concurrent use too', async () => {
    const user = await newUser();
    const { token } = await resetLinkFor(user.email);
    const results = await Promise.all([
      reset(token, 'Racing-Passphrase-One-71'),
      reset(token, 'Racing-Passphrase-Two-72'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
  });

  it('ends a lockout', async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++)
      await post('/api/v1/auth/login', { email: user.email, password: 'nope-nope-nope' });
    expect(
      (await post('/api/v1/auth/login', { email: user.email, password: PASSWORD })).statusCode,
    ).toBe(403);
    const { token } = await resetLinkFor(user.email);
    expect((await reset(token, 'Unlocked-By-Reset-Passphrase-5')).statusCode).toBe(200);
    const pair: TokenPair = await login(t, user.email, 'Unlocked-By-Reset-Passphrase-5');
    expect(pair.access_token).toBeTruthy();
  });

  it('sends nothing for a deactivated account', async () => {
    const user = await newUser();
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${user.id}`,
      headers: await authHeaders(t, 'admin'),
      payload: { is_active: false },
    });
    const since = smtp.mails.length;
    expect((await forgot(user.email)).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.length).toBe(since);
  });
});

describe('password reset without SMTP_URL (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('logs that the mail was not sent (masked recipient), never the link', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/forgot',
      payload: { email: 'author@quorum.local' },
    });
    expect(res.statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    const line = t.logs
      .lines()
      .find((l) => l.context === 'MailService' && l.mail === 'password_reset');
    expect(line).toMatchObject({ level: 'warn', to: 'a***@quorum.local' });
    expect(String(line?.msg)).toMatch(/not sent: SMTP_URL is not set/);
    expect(line?.request_id).toBe(res.headers['x-request-id']);
    expect(t.logs.text()).not.toMatch(/reset-password|token=/);
    expect(t.logs.text()).not.toContain('author@quorum.local');
  });
});
