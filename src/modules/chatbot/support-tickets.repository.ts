import { Injectable } from '@nestjs/common';
import { Prisma, type SupportTicket } from '../../generated/prisma/client.js';
import type { SupportTicketStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';

@Injectable()
export class SupportTicketsRepository {
  constructor(private readonly db: TransactionHost) {}

  async list(where: Prisma.SupportTicketWhereInput, page: { skip: number; take: number }) {
    const [items, total] = await Promise.all([
      this.db.client.supportTicket.findMany({ where, orderBy: [{ createdAt: 'desc' }], ...page }),
      this.db.client.supportTicket.count({ where }),
    ]);
    return { items, total };
  }

  findById(id: string): Promise<SupportTicket | null> {
    return this.db.client.supportTicket.findUnique({ where: { id } });
  }

  /** Applies `data` only while the ticket is still in `from`; null when another request moved it. */
  async updateFrom(id: string, from: SupportTicketStatus, data: Prisma.SupportTicketUncheckedUpdateManyInput): Promise<SupportTicket | null> {
    const { count } = await this.db.client.supportTicket.updateMany({ where: { id, status: from }, data });
    return count === 1 ? this.db.client.supportTicket.findUnique({ where: { id } }) : null;
  }
}
