import { Injectable } from '@nestjs/common';
import { DevOutbox } from '../mail/dev-outbox.js';
import { SmsMessage, SmsProvider } from './sms.provider.js';

@Injectable()
export class DevOutboxSmsProvider extends SmsProvider {
  constructor(private readonly outbox: DevOutbox) {
    super();
  }

  send(message: SmsMessage): Promise<void> {
    return this.outbox.record({ channel: 'SMS', recipient: message.to, body: message.text });
  }
}
