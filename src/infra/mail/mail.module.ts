import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DevOutboxMailProvider } from './dev-outbox-mail.provider.js';
import { DevOutbox } from './dev-outbox.js';
import { MailProvider } from './mail.provider.js';
import { SmtpMailProvider } from './smtp-mail.provider.js';

@Module({
  providers: [
    DevOutbox,
    {
      provide: MailProvider,
      inject: [AppConfig, DevOutbox],
      useFactory: (config: AppConfig, outbox: DevOutbox): MailProvider =>
        config.mail.smtpUrl ? new SmtpMailProvider(config) : new DevOutboxMailProvider(outbox),
    },
  ],
  exports: [MailProvider],
})
export class MailModule {}
