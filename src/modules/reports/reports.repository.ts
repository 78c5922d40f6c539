import { Injectable } from '@nestjs/common';
import { Prisma, type IssueReport } from '../../generated/prisma/client.js';
import type { ReportStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';

@Injectable()
export class ReportsRepository {
  constructor(private readonly db: TransactionHost) {}

  create(data: Prisma.IssueReportUncheckedCreateInput): Promise<IssueReport> {
    return this.db.client.issueReport.create({ data });
  }

  async list(where: Prisma.IssueReportWhereInput, page: { skip: number; take: number }) {
    const [items, total] = await Promise.all([
      this.db.client.issueReport.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...page }),
      this.db.client.issueReport.count({ where }),
    ]);
    return { items, total };
  }

  findById(id: string): Promise<IssueReport | null> {
    return this.db.client.issueReport.findUnique({ where: { id } });
  }

  /** Applies `data` only while the report is still in `from`; null when another request moved it. */
  async updateFrom(id: string, from: ReportStatus, data: Prisma.IssueReportUncheckedUpdateManyInput): Promise<IssueReport | null> {
    const { count } = await this.db.client.issueReport.updateMany({ where: { id, status: from }, data });
    return count === 1 ? this.db.client.issueReport.findUnique({ where: { id } }) : null;
  }
}
