import { Injectable } from '@nestjs/common';
import { Prisma, type SupportTicket } from '../../generated/prisma/client.js';
import type { SupportTicketStatus } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infra/database/prisma.service.js';

@Injectable()
export class SupportTicketsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(where: Prisma.SupportTicketWhereInput, page: { skip: number; take: number }) {
    const [items, total] = await Promise.all([
      this.prisma.supportTicket.findMany({ where, orderBy: [{ createdAt: 'desc' }], ...page }),
      this.prisma.supportTicket.count({ where }),
    ]);
    return { items, total };
  }

  findById(id: string): Promise<SupportTicket | null> {
    return this.prisma.supportTicket.findUnique({ where: { id } });
  }

  /** Applies `data` only while the ticket is still in `from`; null when another request moved it. */
  async updateFrom(id: string, from: SupportTicketStatus, data: Prisma.SupportTicketUncheckedUpdateManyInput): Promise<SupportTicket | null> {
    const { count } = await this.prisma.supportTicket.updateMany({ where: { id, status: from }, data });
    return count === 1 ? this.prisma.supportTicket.findUnique({ where: { id } }) : null;
  }
}
