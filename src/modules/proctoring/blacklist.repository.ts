import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../infra/database/prisma.service.js';

@Injectable()
export class BlacklistRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(userId: string, reason: string, createdById: string) {
    return this.prisma.blacklist.create({ data: { userId, reason, createdById } });
  }

  async remove(userId: string): Promise<boolean> {
    const { count } = await this.prisma.blacklist.deleteMany({ where: { userId } });
    return count === 1;
  }

  isListed(userId: string): Promise<boolean> {
    return this.prisma.blacklist.count({ where: { userId } }).then((n) => n > 0);
  }

  async list(skip: number, take: number) {
    return Promise.all([this.prisma.blacklist.findMany({ orderBy: { createdAt: 'desc' }, skip, take }), this.prisma.blacklist.count()]);
  }
}
