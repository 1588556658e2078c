import type { AddressInfo } from 'node:net';

import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 (random port) that keeps every mail it accepts. */
export interface TestSmtp {
  url: string;
  mails: ParsedMail[];
  /** Resolves with the first mail to `to` received after `since` mails, or fails after timeoutMs. */
  waitForMail(to: string, since?: number, timeoutMs?: number): Promise<ParsedMail>;
  /** Delays every new connection's greeting (a slow server). */
  setGreetingDelay(ms: number): void;
  /** Delivery attempts seen so far, refused ones included. */
  attempts(): number;
  close(): Promise<void>;
}

export interface SmtpOptions {
  /** Refuse this many delivery attempts with 451 (try again later) before accepting. */
  failFirst?: number;
}

export async function startSmtp(options: SmtpOptions = {}): Promise<TestSmtp> {
  const mails: ParsedMail[] = [];
  let greetingDelay = 0;
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      setTimeout(() => callback(), greetingDelay);
    },
    onData(stream, _session, callback) {
      attempts++;
      const refuse = attempts <= (options.failFirst ?? 0);
      simpleParser(stream).then(
        (mail) => {
          if (refuse)
            return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;

  const recipients = (mail: ParsedMail): string[] => {
    const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
    return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitForMail(to, since = 0, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.slice(since).find((m) => recipients(m).includes(to.toLowerCase()));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    setGreetingDelay(ms) {
      greetingDelay = ms;
    },
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The `token` of the reset link in a mail's text. */
export function resetTokenIn(mail: ParsedMail, appUrl: string): { link: string; token: string } {
  const escaped = appUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(${escaped}/reset-password\\?token=([A-Za-z0-9_-]+))`).exec(
    mail.text ?? '',
  );
  if (!match) throw new Error(`no reset link in mail: ${mail.text}`);
  return { link: match[1], token: match[2] };
}
