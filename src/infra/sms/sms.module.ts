import { Module } from '@nestjs/common';
import { DevOutbox } from '../mail/dev-outbox.js';
import { DevOutboxSmsProvider } from './dev-outbox-sms.provider.js';
import { SmsProvider } from './sms.provider.js';

@Module({
  providers: [DevOutbox, { provide: SmsProvider, useClass: DevOutboxSmsProvider }],
  exports: [SmsProvider],
})
export class SmsModule {}
