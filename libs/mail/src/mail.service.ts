import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

import { AppConfig } from '@app/core';

import { MailMessage } from './mail-message';
import { maskEmail } from './mask-email';

/**
 * Sends mail through nodemailer to SMTP_URL. Without SMTP_URL each mail is logged instead — its
 * kind and masked recipient, never its body, which may carry links or tokens — so nothing is
 * lost silently. A failed delivery is logged at ERROR the same way; `send` never throws.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter | undefined;

  constructor(config: AppConfig) {
    if (!config.SMTP_URL) {
      this.logger.warn('SMTP_URL is not set: mail is logged (without its content) instead of sent');
      return;
    }
    // Loaded only when mail is configured (a few MB an API without SMTP_URL need not carry).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand
    const { createTransport } = require('nodemailer') as typeof Nodemailer;
    this.transport = createTransport(
      {
        url: config.SMTP_URL,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      },
      { from: config.MAIL_FROM },
    );
  }

  get configured(): boolean {
    return this.transport !== undefined;
  }

  /** True when the SMTP server accepted the mail. */
  async send(message: MailMessage): Promise<boolean> {
    const context = { mail: message.kind, to: maskEmail(message.to) };
    if (!this.transport) {
      this.logger.warn(context, `Mail "${message.kind}" not sent: SMTP_URL is not set`);
      return false;
    }
    try {
      await this.transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
      this.logger.log(context, `Mail "${message.kind}" sent`);
      return true;
    } catch (error) {
      // The server's reply can quote the address; only its codes are logged.
      const { code, responseCode } = error as { code?: string; responseCode?: number };
      this.logger.error(
        { ...context, code, smtp_status: responseCode },
        `Mail "${message.kind}" could not be delivered`,
      );
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
