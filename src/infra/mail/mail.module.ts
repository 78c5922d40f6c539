import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { QueueModule } from '../queue/queue.module.js';
import { DevOutboxMailProvider } from './dev-outbox-mail.provider.js';
import { DevOutbox } from './dev-outbox.js';
import { MailProvider } from './mail.provider.js';
import { OutgoingMail } from './outgoing-mail.js';
import { importOptional } from '../optional-sdk.js';

/** Email through the `mail` queue: modules inject `OutgoingMail`, never the provider itself. */
@Module({
  imports: [QueueModule],
  providers: [
    DevOutbox,
    OutgoingMail,
    {
      provide: MailProvider,
      inject: [AppConfig, DevOutbox],
      // nodemailer is loaded only when SMTP_URL is set.
      useFactory: async (config: AppConfig, outbox: DevOutbox): Promise<MailProvider> => {
        if (!config.mail.smtpUrl) return new DevOutboxMailProvider(outbox);
        const { SmtpMailProvider } = await importOptional(() => import('./smtp-mail.provider.js'));
        return new SmtpMailProvider(config);
      },
    },
  ],
  exports: [OutgoingMail],
})
export class MailModule {}
