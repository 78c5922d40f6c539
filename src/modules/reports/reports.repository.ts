import { Injectable } from '@nestjs/common';
import { Prisma, type IssueReport } from '../../generated/prisma/client.js';
import type { ReportStatus } from '../../generated/prisma/enums.js';
import { PrismaService } from '../../infra/database/prisma.service.js';

@Injectable()
export class ReportsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.IssueReportUncheckedCreateInput): Promise<IssueReport> {
    return this.prisma.issueReport.create({ data });
  }

  async list(where: Prisma.IssueReportWhereInput, page: { skip: number; take: number }) {
    const [items, total] = await Promise.all([
      this.prisma.issueReport.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], ...page }),
      this.prisma.issueReport.count({ where }),
    ]);
    return { items, total };
  }

  findById(id: string): Promise<IssueReport | null> {
    return this.prisma.issueReport.findUnique({ where: { id } });
  }

  /** Applies `data` only while the report is still in `from`; null when another request moved it. */
  async updateFrom(id: string, from: ReportStatus, data: Prisma.IssueReportUncheckedUpdateManyInput): Promise<IssueReport | null> {
    const { count } = await this.prisma.issueReport.updateMany({ where: { id, status: from }, data });
    return count === 1 ? this.prisma.issueReport.findUnique({ where: { id } }) : null;
  }
}
