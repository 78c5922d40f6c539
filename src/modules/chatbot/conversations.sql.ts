import type { ChatCategory, ChatSentiment, ConversationStatus } from '../../generated/prisma/enums.js';
import { col } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

/** A conversation as the ORM's `Conversation` type has it, so that one mapper serves both. */
const CONVERSATION = `c.id, c.user_id AS "userId", c.title, c.status, c.sentiment, c.category,
  c.total_messages AS "totalMessages", c.user_messages AS "userMessages", c.ai_messages AS "aiMessages",
  c.agent_messages AS "agentMessages", c.avg_response_time_ms AS "avgResponseTimeMs", c.last_message_at AS "lastMessageAt",
  c.assigned_agent_id AS "assignedAgentId", c.is_agent_involved AS "isAgentInvolved", c.resolved_at AS "resolvedAt",
  c.csat_rating AS "csatRating", c.csat_comment AS "csatComment", c.csat_at AS "csatAt", c.archived_at AS "archivedAt",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

const conversationColumns = {
  id: col.uuid,
  userId: col.uuid,
  title: col.text,
  status: col.enum<ConversationStatus>('ConversationStatus'),
  sentiment: col.enum<ChatSentiment>('ChatSentiment'),
  category: col.enum<ChatCategory>('ChatCategory'),
  totalMessages: col.int,
  userMessages: col.int,
  aiMessages: col.int,
  agentMessages: col.int,
  avgResponseTimeMs: col.int,
  lastMessageAt: col.nullable(col.timestamptz),
  assignedAgentId: col.nullable(col.uuid),
  isAgentInvolved: col.bool,
  resolvedAt: col.nullable(col.timestamptz),
  csatRating: col.nullable(col.int),
  csatComment: col.nullable(col.text),
  csatAt: col.nullable(col.timestamptz),
  archivedAt: col.nullable(col.timestamptz),
  createdAt: col.timestamptz,
  updatedAt: col.timestamptz,
} as const;

/**
 * Every chat request starts here: the conversation if the viewer may see it (staff: any; others:
 * their own, unless they deleted it).
 */
export const findVisibleConversation = sql({
  name: 'chat-conversation-visible',
  text: `SELECT ${CONVERSATION} FROM conversations c WHERE c.id = $1 AND ($2::bool OR (c.user_id = $3 AND c.archived_at IS NULL))`,
  params: [col.uuid, col.bool, col.uuid],
  columns: conversationColumns,
});

/**
 * The list filters; `$1` is the owner (mandatory for customers, an optional filter for staff), `$8`
 * whether deleted conversations are wanted (staff; null: all), `$9` a search box.
 */
const LIST_FILTER = `($2::"ConversationStatus" IS NULL OR c.status = $2)
  AND ($3::"ChatSentiment" IS NULL OR c.sentiment = $3)
  AND ($4::"ChatCategory" IS NULL OR c.category = $4)
  AND ($5::uuid IS NULL OR c.assigned_agent_id = $5)
  AND ($6::timestamptz IS NULL OR c.created_at >= $6)
  AND ($7::timestamptz IS NULL OR c.created_at <= $7)
  AND ($8::bool IS NULL OR (c.archived_at IS NOT NULL) = $8)`;
const listParams = [
  col.nullable(col.uuid),
  col.nullable(col.enum<ConversationStatus>('ConversationStatus')),
  col.nullable(col.enum<ChatSentiment>('ChatSentiment')),
  col.nullable(col.enum<ChatCategory>('ChatCategory')),
  col.nullable(col.uuid),
  col.nullable(col.timestamptz),
  col.nullable(col.timestamptz),
  col.nullable(col.bool),
  col.nullable(col.text),
] as const;

/** The search box `$9` as a full-text query: every word must match, stemmed (as the FAQ search). */
const QUERY = `(SELECT websearch_to_tsquery('english', $9::text))`;

// Two statements rather than `$1 IS NULL OR user_id = $1`, so that a customer's list keeps its index
// when PostgreSQL switches the prepared statement to a generic plan. The searches differ for the same
// reason: an owner's few conversations are each checked against their messages; staff search every
// conversation through the GIN indexes of titles and messages.
const OWN = `c.user_id = $1 AND c.archived_at IS NULL AND ${LIST_FILTER}
  AND ($9::text IS NULL OR c.search_vector @@ ${QUERY}
       OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND NOT m.flagged AND m.search_vector @@ ${QUERY}))`;
const ANY = `($1::uuid IS NULL OR c.user_id = $1) AND ${LIST_FILTER}
  AND ($9::text IS NULL OR c.id IN (
       SELECT t.id FROM conversations t WHERE t.search_vector @@ ${QUERY}
       UNION
       SELECT m.conversation_id FROM messages m WHERE m.search_vector @@ ${QUERY} AND NOT m.flagged))`;

/** One page of conversations with the total of the filter (repeated on every row; no row past the end). */
const listPage = (name: string, where: string) =>
  sql({
    name,
    text: `SELECT ${CONVERSATION}, (SELECT count(*)::int FROM conversations c WHERE ${where}) AS total
           FROM conversations c WHERE ${where}
           ORDER BY c.last_message_at DESC NULLS LAST, c.created_at DESC
           LIMIT $10::int OFFSET $11::int`,
    params: [...listParams, col.int, col.int],
    columns: { ...conversationColumns, total: col.int },
  });

export const listOwnConversations = listPage('chat-conversations-own', OWN);
export const listAllConversations = listPage('chat-conversations-all', ANY);

/** The total alone, for a page past the end. */
const countOf = (name: string, where: string) =>
  sql({ name, text: `SELECT count(*)::int AS total FROM conversations c WHERE ${where}`, params: listParams, columns: { total: col.int } });

export const countOwnConversations = countOf('chat-conversations-own-count', OWN);
export const countAllConversations = countOf('chat-conversations-all-count', ANY);

/** The owner deletes a conversation: archived, kept for staff and analytics. Nothing if it is not theirs or already archived. */
export const archiveConversation = sql({
  name: 'chat-conversation-archive',
  text: `UPDATE conversations c SET archived_at = now(), updated_at = now()
         WHERE c.id = $1 AND c.user_id = $2 AND c.archived_at IS NULL
         RETURNING ${CONVERSATION}`,
  params: [col.uuid, col.uuid],
  columns: conversationColumns,
});
