import { Logger } from '@nestjs/common';

import { loadConfig } from '@app/core';

import { MailService } from './mail.service';
import { maskEmail } from './mask-email';

describe('maskEmail', () => {
  it.each([
    ['jane.doe@example.com', 'j***@example.com'],
    ['x@y.io', 'x***@y.io'],
    ['not-an-email', '***'],
  ])('%p → %p', (given, expected) => expect(maskEmail(given)).toBe(expected));
});

describe('MailService without SMTP_URL', () => {
  it('logs the mail (kind, masked recipient) and never its content', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const mail = new MailService(loadConfig({}));
    const sent = await mail.send({
      kind: 'password_reset',
      to: 'ada@example.com',
      subject: 'Reset your password',
      text: 'open https://app.example/reset-password?token=SECRET-TOKEN',
    });
    expect(sent).toBe(false);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain('password_reset');
    expect(logged).toContain('a***@example.com');
    expect(logged).not.toContain('SECRET-TOKEN');
    expect(logged).not.toContain('ada@example.com');
    warn.mockRestore();
  });
});

describe('MailService with an unreachable SMTP server', () => {
  it('logs the failure at ERROR and does not throw', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const mail = new MailService(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:1' }));
    const sent = await mail.send({
      kind: 'test',
      to: 'ada@example.com',
      subject: 's',
      text: 'secret body',
    });
    expect(sent).toBe(false);
    expect(JSON.stringify(error.mock.calls)).not.toContain('secret body');
    expect(error).toHaveBeenCalled();
    mail.onApplicationShutdown();
    error.mockRestore();
  });
});
