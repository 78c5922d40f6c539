import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import type { DeliveryChannel } from '../../generated/prisma/enums.js';
import { PrismaService } from '../database/prisma.service.js';

export interface OutboxEntry {
  channel: DeliveryChannel;
  recipient: string;
  subject?: string;
  body: string;
}

/**
 * Where mail and SMS go when no real provider is configured: the message is logged and kept in the
 * `dev_outbox` table, so a developer (or a test) can read the code that was "sent".
 */
@Injectable()
export class DevOutbox {
  private readonly logger = new Logger('DevOutbox');

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
  ) {}

  async record(entry: OutboxEntry): Promise<void> {
    await this.prisma.outboxMessage.create({ data: { ...entry, subject: entry.subject ?? null, createdAt: new Date() } });
    // Codes in logs are a convenience in development only; production logs never carry them.
    const shown = this.config.isProduction ? '(body withheld in production)' : entry.body;
    this.logger.log(`[${entry.channel}] to ${entry.recipient}${entry.subject && !this.config.isProduction ? ` "${entry.subject}"` : ''}: ${shown}`);
  }
}
