import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config.js';
import { MailMessage, MailProvider } from './mail.provider.js';

/** Real delivery through nodemailer over the SMTP server of `SMTP_URL` (smtp:// or smtps://). */
@Injectable()
export class SmtpMailProvider extends MailProvider implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(config: AppConfig) {
    super();
    if (!config.mail.smtpUrl) throw new Error('SmtpMailProvider needs SMTP_URL');
    this.transport = nodemailer.createTransport(config.mail.smtpUrl);
    this.from = config.mail.from;
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
  }

  /** After the queue has drained (module destroy), so mail still queued at shutdown goes out. */
  onApplicationShutdown(): void {
    this.transport.close();
  }
}
