import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { QueueModule } from '../queue/queue.module.js';
import { DevOutboxMailProvider } from './dev-outbox-mail.provider.js';
import { DevOutbox } from './dev-outbox.js';
import { MailProvider } from './mail.provider.js';
import { OutgoingMail } from './outgoing-mail.js';
import { SmtpMailProvider } from './smtp-mail.provider.js';

/** Email through the `mail` queue: modules inject `OutgoingMail`, never the provider itself. */
@Module({
  imports: [QueueModule],
  providers: [
    DevOutbox,
    OutgoingMail,
    {
      provide: MailProvider,
      inject: [AppConfig, DevOutbox],
      useFactory: (config: AppConfig, outbox: DevOutbox): MailProvider =>
        config.mail.smtpUrl ? new SmtpMailProvider(config) : new DevOutboxMailProvider(outbox),
    },
  ],
  exports: [OutgoingMail],
})
export class MailModule {}
