import { Module } from '@nestjs/common';
import { DevOutbox } from '../mail/dev-outbox.js';
import { QueueModule } from '../queue/queue.module.js';
import { DevOutboxSmsProvider } from './dev-outbox-sms.provider.js';
import { OutgoingSms } from './outgoing-sms.js';
import { SmsProvider } from './sms.provider.js';

/** Text messages through the `sms` queue: modules inject `OutgoingSms`, never the provider itself. */
@Module({
  imports: [QueueModule],
  providers: [DevOutbox, OutgoingSms, { provide: SmsProvider, useClass: DevOutboxSmsProvider }],
  exports: [OutgoingSms],
})
export class SmsModule {}
