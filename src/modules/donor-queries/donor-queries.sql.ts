import type { CallMode, DonorMessageSender, DonorMessageType, DonorQuerySource, DonorQueryStatus } from '../../generated/prisma/enums.js';
import { col } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

// --- donor queries: every column, the shape of the ORM's row ---

const QUERY = `id, donor, donor_id AS "donorId", test, stage, device, source, status, access_token_hash AS "accessTokenHash",
  assigned_to_id AS "assignedToId", resolved_by_id AS "resolvedById", transferred_to_user_id AS "transferredToUserId",
  transfer_note AS "transferNote", handover_summary AS "handoverSummary", waiting_since AS "waitingSince",
  reminded_at AS "remindedAt", escalated_at AS "escalatedAt", accepted_at AS "acceptedAt", resolved_at AS "resolvedAt",
  closed_at AS "closedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;
const query = {
  id: col.uuid,
  donor: col.text,
  donorId: col.text,
  test: col.nullable(col.text),
  stage: col.nullable(col.text),
  device: col.nullable(col.text),
  source: col.enum<DonorQuerySource>('DonorQuerySource'),
  status: col.enum<DonorQueryStatus>('DonorQueryStatus'),
  accessTokenHash: col.text,
  assignedToId: col.nullable(col.uuid),
  resolvedById: col.nullable(col.uuid),
  transferredToUserId: col.nullable(col.uuid),
  transferNote: col.nullable(col.text),
  handoverSummary: col.nullable(col.text),
  waitingSince: col.nullable(col.timestamptz),
  remindedAt: col.nullable(col.timestamptz),
  escalatedAt: col.nullable(col.timestamptz),
  acceptedAt: col.nullable(col.timestamptz),
  resolvedAt: col.nullable(col.timestamptz),
  closedAt: col.nullable(col.timestamptz),
  createdAt: col.timestamptz,
  updatedAt: col.timestamptz,
};

/** Read on every request about one query (its page, its messages, a reply). */
export const findDonorQuery = sql({
  name: 'donor-query-by-id',
  text: `SELECT ${QUERY} FROM donor_queries WHERE id = $1`,
  params: [col.uuid],
  columns: query,
});

/** Authenticates every request and socket of a donor: the query a donor token opens. */
export const findDonorQueryIdByTokenHash = sql({
  name: 'donor-query-by-token-hash',
  text: `SELECT id FROM donor_queries WHERE access_token_hash = $1`,
  params: [col.text],
  columns: { id: col.uuid },
});

/** The staff list, newest first, optionally by status and assignee; `total` counts every match. */
export const listDonorQueries = sql({
  name: 'donor-queries-list',
  text: `SELECT ${QUERY}, count(*) OVER ()::int AS total FROM donor_queries
         WHERE ($1::"DonorQueryStatus" IS NULL OR status = $1) AND ($2::uuid IS NULL OR assigned_to_id = $2)
         ORDER BY created_at DESC, id DESC LIMIT $3::int OFFSET $4::int`,
  params: [col.nullable(col.enum<DonorQueryStatus>('DonorQueryStatus')), col.nullable(col.uuid), col.int, col.int],
  columns: { ...query, total: col.int },
});

export const countDonorQueries = sql({
  name: 'donor-queries-count',
  text: `SELECT count(*)::int AS count FROM donor_queries
         WHERE ($1::"DonorQueryStatus" IS NULL OR status = $1) AND ($2::uuid IS NULL OR assigned_to_id = $2)`,
  params: [col.nullable(col.enum<DonorQueryStatus>('DonorQueryStatus')), col.nullable(col.uuid)],
  columns: { count: col.int },
});

/** The waiting queue: open queries nobody holds, oldest first. */
export const listWaitingDonorQueries = sql({
  name: 'donor-queries-waiting',
  text: `SELECT ${QUERY}, count(*) OVER ()::int AS total FROM donor_queries
         WHERE status = 'IN_PROGRESS' AND assigned_to_id IS NULL
         ORDER BY created_at, id LIMIT $1::int OFFSET $2::int`,
  params: [col.int, col.int],
  columns: { ...query, total: col.int },
});

export const countWaitingDonorQueries = sql({
  name: 'donor-queries-waiting-count',
  text: `SELECT count(*)::int AS count FROM donor_queries WHERE status = 'IN_PROGRESS' AND assigned_to_id IS NULL`,
  params: [],
  columns: { count: col.int },
});

// --- donor messages ---

const MESSAGE = `id, query_id AS "queryId", sender_kind AS "senderKind", sender_id AS "senderId", content,
  message_type AS "messageType", call_mode AS "callMode", call_session_id AS "callSessionId", read_at AS "readAt",
  created_at AS "createdAt"`;
const message = {
  id: col.uuid,
  queryId: col.uuid,
  senderKind: col.enum<DonorMessageSender>('DonorMessageSender'),
  senderId: col.nullable(col.uuid),
  content: col.text,
  messageType: col.enum<DonorMessageType>('DonorMessageType'),
  callMode: col.nullable(col.enum<CallMode>('CallMode')),
  callSessionId: col.nullable(col.uuid),
  readAt: col.nullable(col.timestamptz),
  createdAt: col.timestamptz,
};

/**
 * Up to `$3` messages of a query, newest first: the newest ones, or those before the message `$2`
 * of the same query. No row also when that cursor is not a message of the query.
 */
export const donorMessagesBefore = sql({
  name: 'donor-messages-before',
  text: `SELECT ${MESSAGE} FROM donor_messages
         WHERE query_id = $1
           AND ($2::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM donor_messages WHERE id = $2 AND query_id = $1))
         ORDER BY created_at DESC, id DESC LIMIT $3::int`,
  params: [col.uuid, col.nullable(col.uuid), col.int],
  columns: message,
});

export const donorMessageExists = sql({
  name: 'donor-message-exists',
  text: `SELECT EXISTS (SELECT 1 FROM donor_messages WHERE id = $1 AND query_id = $2) AS "exists"`,
  params: [col.uuid, col.uuid],
  columns: { exists: col.bool },
});

// --- direct messages between staff ---

const DIRECT = `id, sender_id AS "senderId", recipient_id AS "recipientId", content, read_at AS "readAt", created_at AS "createdAt"`;
const direct = {
  id: col.uuid,
  senderId: col.uuid,
  recipientId: col.uuid,
  content: col.text,
  readAt: col.nullable(col.timestamptz),
  createdAt: col.timestamptz,
};

/**
 * Up to `$4` messages between `$1` and `$2` (either way), newest first: the newest ones, or those
 * before the message `$3` of the same conversation. Each direction is read from its own index in
 * order and only the newest of both are kept. No row also when the cursor is not in the conversation.
 */
export const directMessagesBefore = sql({
  name: 'direct-messages-before',
  text: `WITH cursor AS (
           SELECT created_at, id FROM direct_messages
           WHERE id = $3 AND ((sender_id = $1 AND recipient_id = $2) OR (sender_id = $2 AND recipient_id = $1))
         )
         SELECT ${DIRECT} FROM (
           (SELECT * FROM direct_messages
            WHERE sender_id = $1 AND recipient_id = $2 AND ($3::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM cursor))
            ORDER BY created_at DESC, id DESC LIMIT $4::int)
           UNION ALL
           (SELECT * FROM direct_messages
            WHERE sender_id = $2 AND recipient_id = $1 AND ($3::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM cursor))
            ORDER BY created_at DESC, id DESC LIMIT $4::int)
         ) AS both_ways
         ORDER BY created_at DESC, id DESC LIMIT $4::int`,
  params: [col.uuid, col.uuid, col.nullable(col.uuid), col.int],
  columns: direct,
});

export const directMessageExists = sql({
  name: 'direct-message-exists',
  text: `SELECT EXISTS (
           SELECT 1 FROM direct_messages
           WHERE id = $1 AND ((sender_id = $2 AND recipient_id = $3) OR (sender_id = $3 AND recipient_id = $2))
         ) AS "exists"`,
  params: [col.uuid, col.uuid, col.uuid],
  columns: { exists: col.bool },
});

// --- idempotent message posts: the first message a sender posted with a key (each uses its partial unique index) ---

export const donorMessageByDonorKey = sql({
  name: 'donor-message-by-donor-key',
  text: `SELECT ${MESSAGE} FROM donor_messages WHERE query_id = $1 AND sender_kind = 'DONOR' AND idempotency_key = $2`,
  params: [col.uuid, col.text],
  columns: message,
});

export const donorMessageByStaffKey = sql({
  name: 'donor-message-by-staff-key',
  text: `SELECT ${MESSAGE} FROM donor_messages WHERE query_id = $1 AND sender_kind = 'STAFF' AND sender_id = $2 AND idempotency_key = $3`,
  params: [col.uuid, col.uuid, col.text],
  columns: message,
});

export const directMessageByKey = sql({
  name: 'direct-message-by-key',
  text: `SELECT ${DIRECT} FROM direct_messages WHERE sender_id = $1 AND recipient_id = $2 AND idempotency_key = $3`,
  params: [col.uuid, col.uuid, col.text],
  columns: direct,
});
