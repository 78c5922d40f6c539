import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { ApplicationStatus } from '../../generated/prisma/enums.js';
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

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly db: TransactionHost) {}

  exists(opportunityId: string, agentId: string): Promise<boolean> {
    return this.db.client.gigApplication
      .findUnique({ where: { opportunityId_agentId: { opportunityId, agentId } }, select: { id: true } })
      .then((row) => row !== null);
  }

  create(opportunityId: string, agentId: string, coverNote: string | undefined): Promise<ApplicationRow> {
    return this.db.client.gigApplication.create({ data: { opportunityId, agentId, coverNote }, include: APPLICATION });
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

  /** The application as its opportunity's client may decide it. */
  findForClient(id: string, clientUserId: string) {
    return this.db.client.gigApplication.findFirst({
      where: { id, opportunity: { client: { userId: clientUserId } } },
      select: { opportunityId: true, agentId: true },
    });
  }

  /** Moves the status only from one of `from`; false when another request moved it first. */
  async transition(
    id: string,
    from: ApplicationStatus[],
    data: { status: ApplicationStatus; decisionReason: string | null; decidedAt: Date },
  ): Promise<boolean> {
    const { count } = await this.db.client.gigApplication.updateMany({ where: { id, status: { in: from } }, data });
    return count === 1;
  }

  createGig(data: { applicationId: string; opportunityId: string; agentId: string; clientId: string }) {
    return this.db.client.selectedGig.create({ data, select: { id: true } });
  }

  findRow(id: string): Promise<ApplicationRow> {
    return this.db.client.gigApplication.findUniqueOrThrow({ where: { id }, include: APPLICATION });
  }

  /** Turns down every application still PENDING on the closed opportunity; returns the agents' user ids. */
  async rejectPending(opportunityId: string, reason: string): Promise<{ applicationId: string; agentUserId: string }[]> {
    return this.db.transaction(async (tx) => {
      const from = sourcesOf(APPLICATION_MACHINE, 'opportunity-closed');
      const pending = await tx.gigApplication.findMany({
        where: { opportunityId, status: { in: from } },
        select: { id: true, agent: { select: { userId: true } } },
      });
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
