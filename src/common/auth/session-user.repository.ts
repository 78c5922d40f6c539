import { Injectable } from '@nestjs/common';
import { SqlService } from '../../infra/database/sql/sql.service.js';
import type { StatementRow } from '../../infra/database/sql/statement.js';
import { findActiveSessionUser } from './session-user.sql.js';

/** Reads the current role and status of a token's subject on every request, so that a deactivated
 *  or deleted user is refused at once rather than when the token expires. */
@Injectable()
export class SessionUserRepository {
  constructor(private readonly sql: SqlService) {}

  findActive(id: string): Promise<StatementRow<typeof findActiveSessionUser> | undefined> {
    return this.sql.maybeOne(findActiveSessionUser, [id]);
  }
}
