import { Global, Module } from '@nestjs/common';

import { MailService } from './mail.service';

/** Mail for every feature: one SMTP transport per process. */
@Global()
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
