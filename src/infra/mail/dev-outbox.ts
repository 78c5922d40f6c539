import { Injectable, Logger } from '@nestjs/common';
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

  constructor(private readonly prisma: PrismaService) {}

  async record(entry: OutboxEntry): Promise<void> {
    await this.prisma.outboxMessage.create({ data: { ...entry, subject: entry.subject ?? null, createdAt: new Date() } });
    this.logger.log(`[${entry.channel}] to ${entry.recipient}${entry.subject ? ` "${entry.subject}"` : ''}: ${entry.body}`);
  }
}
