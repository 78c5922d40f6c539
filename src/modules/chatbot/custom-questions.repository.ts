import { Injectable } from '@nestjs/common';
import { Prisma, type CustomQuestion } from '../../generated/prisma/client.js';
import type { CustomQuestionOrigin, CustomQuestionStatus } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infra/database/prisma.service.js';

export interface NewCustomQuestion {
  question: string;
  groupKey: string;
  origin: CustomQuestionOrigin;
  userId: string | null;
  conversationId: string | null;
  messageId: string | null;
}

@Injectable()
export class CustomQuestionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Adds a question to the inbox, or counts it on the open entry of its group. The advisory lock on
   * the group key serialises concurrent askers so a group never gets two open entries.
   */
  record(input: NewCustomQuestion): Promise<CustomQuestion> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`custom-question:${input.groupKey}`}))`;
      const open = await tx.customQuestion.findFirst({ where: { groupKey: input.groupKey, status: 'OPEN' } });
      if (open) return tx.customQuestion.update({ where: { id: open.id }, data: { occurrences: { increment: 1 } } });
      return tx.customQuestion.create({ data: input });
    });
  }

  async list(where: Prisma.CustomQuestionWhereInput, page: { skip: number; take: number }) {
    const [items, total] = await Promise.all([
      this.prisma.customQuestion.findMany({ where, orderBy: [{ occurrences: 'desc' }, { updatedAt: 'desc' }], ...page }),
      this.prisma.customQuestion.count({ where }),
    ]);
    return { items, total };
  }

  findById(id: string): Promise<CustomQuestion | null> {
    return this.prisma.customQuestion.findUnique({ where: { id } });
  }

  /** Moves the status only from one of `from`; null when another request moved it first. */
  async transition(id: string, from: CustomQuestionStatus[], data: Prisma.CustomQuestionUncheckedUpdateManyInput): Promise<CustomQuestion | null> {
    const { count } = await this.prisma.customQuestion.updateMany({ where: { id, status: { in: from } }, data });
    return count === 1 ? this.prisma.customQuestion.findUnique({ where: { id } }) : null;
  }

  linkFaq(id: string, faqId: string): Promise<CustomQuestion> {
    return this.prisma.customQuestion.update({ where: { id }, data: { faqId } });
  }
}
