import { Injectable } from '@nestjs/common';
import { TransactionHost } from '../../infra/database/transaction-host.js';

@Injectable()
export class BlacklistRepository {
  constructor(private readonly db: TransactionHost) {}

  create(userId: string, reason: string, createdById: string) {
    return this.db.client.blacklist.create({ data: { userId, reason, createdById } });
  }

  async remove(userId: string): Promise<boolean> {
    const { count } = await this.db.client.blacklist.deleteMany({ where: { userId } });
    return count === 1;
  }

  isListed(userId: string): Promise<boolean> {
    return this.db.client.blacklist.count({ where: { userId } }).then((n) => n > 0);
  }

  async list(skip: number, take: number) {
    return Promise.all([this.db.client.blacklist.findMany({ orderBy: { createdAt: 'desc' }, skip, take }), this.db.client.blacklist.count()]);
  }
}
