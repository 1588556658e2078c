import type { MailMessage } from '@app/mail';

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The password reset mail. Its link carries the token: the message is never logged. */
export function passwordResetMail(
  to: string,
  displayName: string,
  link: string,
  ttlMinutes: number,
): MailMessage {
  const text = [
    `Hello ${displayName},`,
    '',
    'Someone asked to reset the password of your Quorum account. To choose a new password, open:',
    '',
    link,
    '',
    `The link works once, for ${ttlMinutes} minutes. If you did not ask for it, ignore this mail: your password stays as it is.`,
  ].join('\n');
  const html = [
    `<p>Hello ${escapeHtml(displayName)},</p>`,
    '<p>Someone asked to reset the password of your Quorum account.</p>',
    `<p><a href="${escapeHtml(link)}">Choose a new password</a></p>`,
    `<p>The link works once, for ${ttlMinutes} minutes. If you did not ask for it, ignore this mail: your password stays as it is.</p>`,
  ].join('\n');
  return { kind: 'password_reset', to, subject: 'Reset your Quorum password', text, html };
}
