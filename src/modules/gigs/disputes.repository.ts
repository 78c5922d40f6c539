import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { DisputeStatus, DisputeTarget } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { DISPUTE_MACHINE } from './gig-machines.js';
import { openStates, sourcesOf, targetOf } from './state-machine.js';

export interface DisputeParties {
  agentUserId: string;
  clientUserId: string;
}

export type DisputeScope = { userId: string } | 'ALL';

const scopeWhere = (scope: DisputeScope): Prisma.DisputeWhereInput =>
  scope === 'ALL' ? {} : { OR: [{ raisedById: scope.userId }, { counterpartyId: scope.userId }] };

const TARGET_COLUMN: Record<DisputeTarget, 'applicationId' | 'gigId' | 'submissionId' | 'paymentId'> = {
  APPLICATION: 'applicationId',
  GIG: 'gigId',
  SUBMISSION: 'submissionId',
  PAYMENT: 'paymentId',
};

const PARTIES_OF_GIG = { agent: { select: { userId: true } }, client: { select: { userId: true } } } as const;

@Injectable()
export class DisputesRepository {
  constructor(private readonly db: TransactionHost) {}

  /** The agent and client users of a disputed record; null when it does not exist. */
  async partiesOf(targetType: DisputeTarget, targetId: string): Promise<DisputeParties | null> {
    const fromGig = (gig: { agent: { userId: string }; client: { userId: string } } | null | undefined) =>
      gig ? { agentUserId: gig.agent.userId, clientUserId: gig.client.userId } : null;
    switch (targetType) {
      case 'APPLICATION': {
        const row = await this.db.client.gigApplication.findUnique({
          where: { id: targetId },
          select: { agent: { select: { userId: true } }, opportunity: { select: { client: { select: { userId: true } } } } },
        });
        return row ? { agentUserId: row.agent.userId, clientUserId: row.opportunity.client.userId } : null;
      }
      case 'GIG':
        return fromGig(await this.db.client.selectedGig.findUnique({ where: { id: targetId }, select: PARTIES_OF_GIG }));
      case 'SUBMISSION':
        return fromGig((await this.db.client.submittedWork.findUnique({ where: { id: targetId }, select: { gig: { select: PARTIES_OF_GIG } } }))?.gig);
      case 'PAYMENT':
        return fromGig((await this.db.client.payment.findUnique({ where: { id: targetId }, select: { gig: { select: PARTIES_OF_GIG } } }))?.gig);
    }
  }

  /** How many disputes this person has open on this record. */
  countOpenBy(raisedById: string, targetType: DisputeTarget, targetId: string): Promise<number> {
    return this.db.client.dispute.count({
      where: { raisedById, [TARGET_COLUMN[targetType]]: targetId, status: { in: openStates(DISPUTE_MACHINE) } },
    });
  }

  create(data: { raisedById: string; counterpartyId: string; targetType: DisputeTarget; targetId: string; reason: string; deadlineAt: Date }) {
    return this.db.client.dispute.create({
      data: {
        raisedById: data.raisedById,
        counterpartyId: data.counterpartyId,
        targetType: data.targetType,
        [TARGET_COLUMN[data.targetType]]: data.targetId,
        reason: data.reason,
        deadlineAt: data.deadlineAt,
      },
    });
  }

  async list(scope: DisputeScope, filter: { status?: DisputeStatus }, page: { skip: number; take: number }) {
    const where: Prisma.DisputeWhereInput = { ...scopeWhere(scope), status: filter.status };
    const [items, total] = await Promise.all([
      this.db.client.dispute.findMany({ where, orderBy: { createdAt: 'desc' }, ...page }),
      this.db.client.dispute.count({ where }),
    ]);
    return { items, total };
  }

  find(id: string, scope: DisputeScope) {
    return this.db.client.dispute.findFirst({ where: { id, ...scopeWhere(scope) } });
  }

  /** OPEN|ESCALATED → RESOLVED|DISMISSED; null when already closed. */
  async resolve(id: string, status: 'RESOLVED' | 'DISMISSED', resolution: string, resolvedById: string) {
    const action = status === 'RESOLVED' ? 'resolve' : 'dismiss';
    const { count } = await this.db.client.dispute.updateMany({
      where: { id, status: { in: sourcesOf(DISPUTE_MACHINE, action) } },
      data: { status: targetOf(DISPUTE_MACHINE, action), resolution, resolvedById, resolvedAt: new Date() },
    });
    return count ? this.db.client.dispute.findUniqueOrThrow({ where: { id } }) : null;
  }

  /** OPEN disputes past their deadline become ESCALATED; returns them. */
  async escalateOverdue(now: Date) {
    return this.db.transaction(async (tx) => {
      const from = sourcesOf(DISPUTE_MACHINE, 'escalate');
      const overdue = await tx.dispute.findMany({ where: { status: { in: from }, deadlineAt: { lt: now } }, select: { id: true }, take: 500 });
      if (overdue.length === 0) return [];
      const ids = overdue.map((d) => d.id);
      await tx.dispute.updateMany({
        where: { id: { in: ids }, status: { in: from } },
        data: { status: targetOf(DISPUTE_MACHINE, 'escalate'), escalatedAt: now },
      });
      return tx.dispute.findMany({ where: { id: { in: ids } } });
    });
  }
}
