import { AppException } from '@app/core';

import { AuthErrorCode } from '../auth.exception';
import { PasswordPolicy } from './password-policy';

describe('PasswordPolicy', () => {
  const policy = new PasswordPolicy();
  afterAll(() => policy.stop());

  it.each(['correct-Horse-battery-st4ple', 'Zebra-Lantern-Quiet-91', 'Quorum-Admin-Demo-2026'])(
    'accepts a strong password %p',
    async (password) => {
      expect(await policy.problems(password)).toEqual([]);
    },
  );

  it.each(['password1234', 'qwertyuiop123', 'iloveyou123456', 'aaaaaaaaaaaaaaaa'])(
    'refuses a common or patterned password %p',
    async (password) => {
      const problems = await policy.problems(password);
      expect(problems[0]).toMatch(/^is too easy to guess: /);
    },
  );

  it('refuses the user’s own email or name as a password', async () => {
    const inputs = ['xqzvbwplmk@example.com', 'Rtghyu Xqzvbwplmk'];
    expect(await policy.problems('xqzvbwplmk@example.com')).toEqual([]);
    expect(await policy.problems('xqzvbwplmk@example.com', inputs)).not.toEqual([]);
    expect(await policy.problems('rtghyu xqzvbwplmk', inputs)).not.toEqual([]);
  });

  it.each([
    ['short-1A!', /at least 12 characters/],
    ['x'.repeat(129), /at most 128 characters/],
  ])('enforces the length of %p', async (password, message) => {
    expect((await policy.problems(password))[0]).toMatch(message);
  });

  it('enforce throws 400 WEAK_PASSWORD naming the field, without the password', async () => {
    const error = await policy.enforce('password1234', [], 'new_password').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    const app = error as AppException;
    expect(app.getStatus()).toBe(400);
    expect(app.errorCode).toBe(AuthErrorCode.WEAK_PASSWORD);
    expect(app.details).toEqual([
      expect.objectContaining({ field: 'new_password', constraints: ['isStrongPassword'] }),
    ]);
    expect(JSON.stringify(app.details)).not.toContain('password1234');
  });

  it('checks off the main thread: a slow check does not stall the event loop', async () => {
    const started = Date.now();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await Promise.all(Array.from({ length: 4 }, () => policy.problems('p4$$w0rd'.repeat(16))));
    clearInterval(timer);
    const elapsed = Date.now() - started;
    // The interval kept firing while zxcvbn worked (it would not on the main thread).
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 5 / 4));
  });

  it('starts a new worker after stop()', async () => {
    await policy.stop();
    expect(await policy.problems('Zebra-Lantern-Quiet-91')).toEqual([]);
  });

  it('starts its worker with the first check and ends it once idle', async () => {
    const lazy = new PasswordPolicy();
    lazy.idleStopMs = 50;
    expect(lazy.running).toBe(false);
    const checked = lazy.problems('Zebra-Lantern-Quiet-91');
    expect(lazy.running).toBe(true);
    expect(await checked).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lazy.running).toBe(false);
    expect(await lazy.problems('Zebra-Lantern-Quiet-91')).toEqual([]);
    await lazy.stop();
  });
});
