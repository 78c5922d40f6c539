import type { UserRole, UserStatus } from '../../generated/prisma/enums.js';
import { col } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

/** The hottest query of the app: every authenticated request and socket handshake runs it. */
export const findActiveSessionUser = sql({
  name: 'session-user',
  text: `SELECT id, role, status, password_changed_at AS "passwordChangedAt" FROM users
         WHERE id = $1 AND deleted_at IS NULL AND status IN ('ACTIVE', 'PENDING')`,
  params: [col.uuid],
  columns: {
    id: col.uuid,
    role: col.enum<UserRole>('UserRole'),
    status: col.enum<UserStatus>('UserStatus'),
    passwordChangedAt: col.nullable(col.timestamptz),
  },
});
