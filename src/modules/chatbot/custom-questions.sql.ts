import type { CustomQuestionOrigin, CustomQuestionStatus } from '../../generated/prisma/enums.js';
import { col, type RowOf } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

/**
 * An inbox entry with how often it was asked: the count kept on the row by older releases plus the
 * asks appended since (`FROM custom_questions q` and a lateral `a` with `asks` and `last`).
 */
const ENTRY = `q.id, q.question, q.occurrences + coalesce(a.asks, 0) AS occurrences, q.origin, q.status,
  q.user_id AS "userId", q.conversation_id AS "conversationId", q.answer, q.answered_by_id AS "answeredById",
  q.answered_at AS "answeredAt", q.faq_id AS "faqId", coalesce(a.last, q.created_at) AS "lastAskedAt",
  q.created_at AS "createdAt", q.updated_at AS "updatedAt"`;

const ASKS_OF_Q = `LEFT JOIN LATERAL (
    SELECT count(*)::int AS asks, max(created_at) AS last FROM custom_question_asks WHERE question_id = q.id
  ) a ON true`;

const entryColumns = {
  id: col.uuid,
  question: col.text,
  occurrences: col.int,
  origin: col.enum<CustomQuestionOrigin>('CustomQuestionOrigin'),
  status: col.enum<CustomQuestionStatus>('CustomQuestionStatus'),
  userId: col.nullable(col.uuid),
  conversationId: col.nullable(col.uuid),
  answer: col.nullable(col.text),
  answeredById: col.nullable(col.uuid),
  answeredAt: col.nullable(col.timestamptz),
  faqId: col.nullable(col.uuid),
  lastAskedAt: col.timestamptz,
  createdAt: col.timestamptz,
  updatedAt: col.timestamptz,
} as const;

export type InboxEntryRow = RowOf<typeof entryColumns>;

/**
 * The open entries that may be the question with key `$1`: the one with that key first, then those
 * with its signature `$2` (the same question up to small typos is among them), closest length first.
 */
export const findOpenCandidates = sql({
  name: 'custom-questions-candidates',
  text: `SELECT id, group_key AS "groupKey" FROM custom_questions
         WHERE status = 'OPEN' AND (group_key = $1 OR group_signature = $2)
         ORDER BY group_key = $1 DESC, abs(length(group_key) - length($1)), created_at
         LIMIT 100`,
  params: [col.text, col.text],
  columns: { id: col.uuid, groupKey: col.text },
});

/**
 * One more ask of entry `$1`, appended: no row is shared between askers, so a popular question never
 * queues them on a lock. Nothing when message `$2` was counted already (an answer given again).
 */
export const appendAsk = sql({
  name: 'custom-questions-append-ask',
  text: `INSERT INTO custom_question_asks (id, question_id, message_id, origin, user_id, conversation_id)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)
         ON CONFLICT (message_id) DO NOTHING
         RETURNING question_id AS "questionId"`,
  params: [col.uuid, col.nullable(col.uuid), col.enum<CustomQuestionOrigin>('CustomQuestionOrigin'), col.nullable(col.uuid), col.nullable(col.uuid)],
  columns: { questionId: col.uuid },
});

/**
 * A new open entry (question `$1`, key `$2`, signature `$3`) with its first ask, in one statement.
 * When a concurrent asker opened the entry of that key first, the ask joins it. Nothing when message
 * `$7` was counted already.
 */
export const openEntry = sql({
  name: 'custom-questions-open',
  text: `WITH entry AS (
           INSERT INTO custom_questions (id, question, group_key, group_signature, origin, user_id, conversation_id, message_id,
             occurrences, status, created_at, updated_at)
           SELECT gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, 0, 'OPEN', now(), now()
           WHERE $7::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM custom_question_asks WHERE message_id = $7)
           ON CONFLICT (group_key) WHERE status = 'OPEN' DO UPDATE SET updated_at = custom_questions.updated_at
           RETURNING id
         )
         INSERT INTO custom_question_asks (id, question_id, message_id, origin, user_id, conversation_id)
         SELECT gen_random_uuid(), entry.id, $7, $4, $5, $6 FROM entry
         ON CONFLICT (message_id) DO NOTHING
         RETURNING question_id AS "questionId"`,
  params: [
    col.text,
    col.text,
    col.text,
    col.enum<CustomQuestionOrigin>('CustomQuestionOrigin'),
    col.nullable(col.uuid),
    col.nullable(col.uuid),
    col.nullable(col.uuid),
  ],
  columns: { questionId: col.uuid },
});

const FILTER = `($1::"CustomQuestionStatus" IS NULL OR q.status = $1) AND ($2::"CustomQuestionOrigin" IS NULL OR q.origin = $2)`;
const filterParams = [
  col.nullable(col.enum<CustomQuestionStatus>('CustomQuestionStatus')),
  col.nullable(col.enum<CustomQuestionOrigin>('CustomQuestionOrigin')),
] as const;

/** One page of the inbox, most asked first, with the total (repeated on every row; no row past the end). */
export const listEntries = sql({
  name: 'custom-questions-page',
  text: `SELECT ${ENTRY}, (SELECT count(*)::int FROM custom_questions q WHERE ${FILTER}) AS total
         FROM custom_questions q ${ASKS_OF_Q}
         WHERE ${FILTER}
         ORDER BY q.occurrences + coalesce(a.asks, 0) DESC, coalesce(a.last, q.created_at) DESC, q.id
         LIMIT $3::int OFFSET $4::int`,
  params: [...filterParams, col.int, col.int],
  columns: { ...entryColumns, total: col.int },
});

export const countEntries = sql({
  name: 'custom-questions-count',
  text: `SELECT count(*)::int AS total FROM custom_questions q WHERE ${FILTER}`,
  params: filterParams,
  columns: { total: col.int },
});

export const findEntry = sql({
  name: 'custom-questions-find',
  text: `SELECT ${ENTRY} FROM custom_questions q ${ASKS_OF_Q} WHERE q.id = $1`,
  params: [col.uuid],
  columns: entryColumns,
});

/**
 * Publishing as an FAQ, first step: the entry becomes CONVERTED with the staff answer `$2` by `$3`,
 * only from OPEN or ANSWERED (of two racing staff, one wins; the row stays locked until the FAQ is linked).
 */
export const claimForFaq = sql({
  name: 'custom-questions-claim-for-faq',
  text: `UPDATE custom_questions SET status = 'CONVERTED', answer = $2, answered_by_id = $3, answered_at = now(), updated_at = now()
         WHERE id = $1 AND status IN ('OPEN', 'ANSWERED')
         RETURNING id`,
  params: [col.uuid, col.text, col.uuid],
  columns: { id: col.uuid },
});

export const linkFaq = sql({
  name: 'custom-questions-link-faq',
  text: `UPDATE custom_questions SET faq_id = $2 WHERE id = $1`,
  params: [col.uuid, col.uuid],
  columns: {},
});
