import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { ApplicationStatus, OpportunityStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { APPLICATION_MACHINE } from './gig-machines.js';
import { sourcesOf, targetOf } from './state-machine.js';

const APPLICATION = {
  agent: {
    select: { userId: true, cefrLevel: true, skills: true, user: { select: { name: true } }, experiences: { select: { startDate: true, endDate: true } } },
  },
  opportunity: { select: { title: true, clientId: true, client: { select: { userId: true } } } },
  gig: { select: { id: true } },
} satisfies Prisma.GigApplicationInclude;

export type ApplicationRow = Prisma.GigApplicationGetPayload<{ include: typeof APPLICATION }>;

/** Who may see an application: its agent, the client owning the opportunity, or anyone (staff). */
export type ApplicationScope = { agentUserId: string } | { clientUserId: string } | 'ALL';

export type DecisionOutcome = ApplicationRow | 'NOT_FOUND' | 'NOT_PENDING' | 'NOT_OPEN' | 'FULL';

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly db: TransactionHost) {}

  /** Creates a PENDING application while the opportunity is OPEN (checked under a share lock). */
  async create(opportunityId: string, agentId: string, coverNote: string | undefined): Promise<ApplicationRow | 'NOT_OPEN' | 'DUPLICATE'> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ status: OpportunityStatus }[]>`SELECT status FROM opportunities WHERE id = ${opportunityId}::uuid FOR SHARE`;
      if (row?.status !== 'OPEN') return 'NOT_OPEN';
      const existing = await tx.gigApplication.findUnique({ where: { opportunityId_agentId: { opportunityId, agentId } }, select: { id: true } });
      if (existing) return 'DUPLICATE';
      return tx.gigApplication.create({ data: { opportunityId, agentId, coverNote }, include: APPLICATION });
    });
  }

  async list(scope: ApplicationScope, filter: { status?: ApplicationStatus; opportunityId?: string }, page: { skip: number; take: number }) {
    const where: Prisma.GigApplicationWhereInput = { ...this.scopeWhere(scope), status: filter.status, opportunityId: filter.opportunityId };
    const [items, total] = await Promise.all([
      this.db.client.gigApplication.findMany({ where, include: APPLICATION, orderBy: { createdAt: 'desc' }, ...page }),
      this.db.client.gigApplication.count({ where }),
    ]);
    return { items, total };
  }

  find(id: string, scope: ApplicationScope): Promise<ApplicationRow | null> {
    return this.db.client.gigApplication.findFirst({ where: { id, ...this.scopeWhere(scope) }, include: APPLICATION });
  }

  /**
   * PENDING → ACCEPTED|REJECTED by the owning client. Accepting locks the opportunity row, so two
   * accepts cannot both take the last seat; it creates the SelectedGig, counts the seat and marks
   * the opportunity FILLED when the last seat goes, all in one transaction.
   */
  async decide(id: string, clientUserId: string, decision: 'ACCEPTED' | 'REJECTED', reason: string | undefined): Promise<DecisionOutcome> {
    return this.db.transaction(async (tx) => {
      const application = await tx.gigApplication.findFirst({
        where: { id, opportunity: { client: { userId: clientUserId } } },
        select: { opportunityId: true, agentId: true },
      });
      if (!application) return 'NOT_FOUND';
      const [opportunity] = await tx.$queryRaw<{ status: OpportunityStatus; capacity: number; accepted_count: number; client_id: string }[]>`
        SELECT status, capacity, accepted_count, client_id FROM opportunities WHERE id = ${application.opportunityId}::uuid FOR UPDATE`;
      const action = decision === 'ACCEPTED' ? 'accept' : 'reject';
      const { count } = await tx.gigApplication.updateMany({
        where: { id, status: { in: sourcesOf(APPLICATION_MACHINE, action) } },
        data: { status: targetOf(APPLICATION_MACHINE, action), decisionReason: reason ?? null, decidedAt: new Date() },
      });
      if (count === 0) return 'NOT_PENDING';
      if (decision === 'ACCEPTED') {
        if (opportunity.status === 'FILLED' || opportunity.accepted_count >= opportunity.capacity) throw new DecisionAborted('FULL');
        if (opportunity.status !== 'OPEN') throw new DecisionAborted('NOT_OPEN');
        const acceptedCount = opportunity.accepted_count + 1;
        await tx.opportunity.update({
          where: { id: application.opportunityId },
          data: { acceptedCount, ...(acceptedCount >= opportunity.capacity ? { status: 'FILLED' } : {}) },
        });
        await tx.selectedGig.create({
          data: { applicationId: id, opportunityId: application.opportunityId, agentId: application.agentId, clientId: opportunity.client_id },
        });
      }
      return tx.gigApplication.findUniqueOrThrow({ where: { id }, include: APPLICATION });
    }).catch((error: unknown) => {
      if (error instanceof DecisionAborted) return error.outcome;
      throw error;
    });
  }

  /** Turns down every application still PENDING on the closed opportunity; returns the agents' user ids. */
  async rejectPending(opportunityId: string, reason: string): Promise<{ applicationId: string; agentUserId: string }[]> {
    return this.db.transaction(async (tx) => {
      const from = sourcesOf(APPLICATION_MACHINE, 'opportunity-closed');
      const pending = await tx.gigApplication.findMany({ where: { opportunityId, status: { in: from } }, select: { id: true, agent: { select: { userId: true } } } });
      if (pending.length === 0) return [];
      await tx.gigApplication.updateMany({
        where: { id: { in: pending.map((a) => a.id) }, status: { in: from } },
        data: { status: targetOf(APPLICATION_MACHINE, 'opportunity-closed'), decisionReason: reason, decidedAt: new Date() },
      });
      return pending.map((a) => ({ applicationId: a.id, agentUserId: a.agent.userId }));
    });
  }

  private scopeWhere(scope: ApplicationScope): Prisma.GigApplicationWhereInput {
    if (scope === 'ALL') return {};
    if ('agentUserId' in scope) return { agent: { userId: scope.agentUserId } };
    return { opportunity: { client: { userId: scope.clientUserId } } };
  }
}

/** Rolls the decision transaction back (the application stays PENDING) and reports why. */
class DecisionAborted extends Error {
  constructor(readonly outcome: 'FULL' | 'NOT_OPEN') {
    super(outcome);
  }
}
