import { Injectable } from '@nestjs/common';
import { DevOutbox } from './dev-outbox.js';
import { MailMessage, MailProvider } from './mail.provider.js';

@Injectable()
export class DevOutboxMailProvider extends MailProvider {
  constructor(private readonly outbox: DevOutbox) {
    super();
  }

  send(message: MailMessage): Promise<void> {
    return this.outbox.record({ channel: 'EMAIL', recipient: message.to, subject: message.subject, body: message.text });
  }
}
