import type {
  AnswerSource,
  ChatCategory,
  ChatSentiment,
  ConversationStatus,
  MessageFeedback,
  MessageSenderType,
  UserRole,
} from '../../generated/prisma/enums.js';
import { col, type RowOf } from '../../infra/database/sql/columns.js';
import { sql } from '../../infra/database/sql/statement.js';

/** A message with its sender (`m`: the message, `u`: its sender, joined on `m.sender_id`). */
const MESSAGE = `m.id, m.conversation_id AS "conversationId", m.sender_type AS "senderType", m.content, m.sentiment, m.source,
  m.faq_id AS "faqId", m.faq_confidence AS "faqConfidence", m.model, m.prompt_tokens AS "promptTokens",
  m.completion_tokens AS "completionTokens", m.cost_micros AS "costMicros", m.processing_time_ms AS "processingTimeMs",
  m.metadata, m.feedback, m.read_at AS "readAt", m.created_at AS "createdAt",
  u.id AS "senderId", u.name AS "senderName", u.role AS "senderRole"`;

/** The columns of every message row handed to the mapper. */
const messageColumns = {
  id: col.uuid,
  conversationId: col.uuid,
  senderType: col.enum<MessageSenderType>('MessageSenderType'),
  content: col.text,
  sentiment: col.nullable(col.enum<ChatSentiment>('ChatSentiment')),
  source: col.nullable(col.enum<AnswerSource>('AnswerSource')),
  faqId: col.nullable(col.uuid),
  faqConfidence: col.nullable(col.float),
  model: col.nullable(col.text),
  promptTokens: col.nullable(col.int),
  completionTokens: col.nullable(col.int),
  costMicros: col.nullable(col.int),
  processingTimeMs: col.nullable(col.int),
  metadata: col.jsonb,
  feedback: col.nullable(col.enum<MessageFeedback>('MessageFeedback')),
  readAt: col.nullable(col.timestamptz),
  createdAt: col.timestamptz,
  // From an outer join: null when the message has no sender (the bot, a system note, a deleted user).
  senderId: col.nullable(col.uuid),
  senderName: col.nullable(col.text),
  senderRole: col.nullable(col.enum<UserRole>('UserRole')),
} as const;

export type MessageRow = RowOf<typeof messageColumns>;

/** The columns an insert returns for `MESSAGE` to read as `m`. */
const RETURNED = `id, conversation_id, sender_id, sender_type, content, sentiment, source, faq_id, faq_confidence, model,
  prompt_tokens, completion_tokens, cost_micros, processing_time_ms, metadata, feedback, read_at, created_at`;

/** One page of the visible history, oldest first, with the total (repeated on every row; no row past the end). */
export const listMessages = sql({
  name: 'chat-messages-page',
  text: `SELECT ${MESSAGE}, (SELECT count(*)::int FROM messages WHERE conversation_id = $1 AND NOT flagged) AS total
         FROM messages m LEFT JOIN users u ON u.id = m.sender_id
         WHERE m.conversation_id = $1 AND NOT m.flagged
         ORDER BY m.created_at, m.id
         LIMIT $2::int OFFSET $3::int`,
  params: [col.uuid, col.int, col.int],
  columns: { ...messageColumns, total: col.int },
});

export const countMessages = sql({
  name: 'chat-messages-count',
  text: `SELECT count(*)::int AS total FROM messages WHERE conversation_id = $1 AND NOT flagged`,
  params: [col.uuid],
  columns: { total: col.int },
});

/** The latest visible messages (up to `$3` when given), newest first: the model's context window, the handover note. */
export const recentMessages = sql({
  name: 'chat-messages-recent',
  text: `SELECT id, sender_type AS "senderType", content, source, feedback, created_at AS "createdAt"
         FROM messages WHERE conversation_id = $1 AND NOT flagged AND ($3::timestamptz IS NULL OR created_at <= $3)
         ORDER BY created_at DESC, id DESC LIMIT $2::int`,
  params: [col.uuid, col.int, col.nullable(col.timestamptz)],
  columns: {
    id: col.uuid,
    senderType: col.enum<MessageSenderType>('MessageSenderType'),
    content: col.text,
    source: col.nullable(col.enum<AnswerSource>('AnswerSource')),
    feedback: col.nullable(col.enum<MessageFeedback>('MessageFeedback')),
    createdAt: col.timestamptz,
  },
});

/**
 * A customer's message, in one statement: the message; the mark that its answer is owed, due by
 * `$7` ms from now (when `$8`: the bot answers this conversation); the conversation's counters, mood
 * and (`$9`, when given) title; the row with its sender. Nothing when the sender already used the
 * Idempotency-Key `$6`.
 */
export const insertUserMessage = sql({
  name: 'chat-message-insert-user',
  text: `WITH inserted AS (
           INSERT INTO messages (id, conversation_id, sender_id, sender_type, content, sentiment, metadata, idempotency_key)
           VALUES (gen_random_uuid(), $1, $2, 'USER', $3, $4, $5, $6)
           ON CONFLICT (sender_id, idempotency_key) DO NOTHING
           RETURNING ${RETURNED}
         ),
         owed AS (
           INSERT INTO pending_answers (message_id, due_at)
           SELECT id, now() + $7::int * interval '1 millisecond' FROM inserted WHERE $8
         ),
         counted AS (
           UPDATE conversations c SET user_messages = c.user_messages + 1, total_messages = c.total_messages + 1,
             last_message_at = i.created_at, sentiment = $4, title = coalesce($9, c.title), updated_at = now()
           FROM inserted i WHERE c.id = i.conversation_id
         )
         SELECT ${MESSAGE} FROM inserted m LEFT JOIN users u ON u.id = m.sender_id`,
  params: [
    col.uuid,
    col.uuid,
    col.text,
    col.enum<ChatSentiment>('ChatSentiment'),
    col.jsonb,
    col.nullable(col.text),
    col.int,
    col.bool,
    col.nullable(col.text),
  ],
  columns: messageColumns,
});

/** A message refused by moderation: kept for audit (and for a retry with the same key), not counted. */
export const insertFlaggedMessage = sql({
  name: 'chat-message-insert-flagged',
  text: `INSERT INTO messages (id, conversation_id, sender_id, sender_type, content, flagged, metadata, idempotency_key)
         VALUES (gen_random_uuid(), $1, $2, 'USER', $3, true, $4, $5)
         ON CONFLICT (sender_id, idempotency_key) DO NOTHING
         RETURNING id`,
  params: [col.uuid, col.uuid, col.text, col.jsonb, col.nullable(col.text)],
  columns: { id: col.uuid },
});

/** A human agent's reply and the conversation's counters; the first reply assigns the agent. */
export const insertAgentMessage = sql({
  name: 'chat-message-insert-agent',
  text: `WITH inserted AS (
           INSERT INTO messages (id, conversation_id, sender_id, sender_type, content, metadata, idempotency_key)
           VALUES (gen_random_uuid(), $1, $2, 'AGENT', $3, '{}', $4)
           ON CONFLICT (sender_id, idempotency_key) DO NOTHING
           RETURNING ${RETURNED}
         ),
         counted AS (
           UPDATE conversations c SET agent_messages = c.agent_messages + 1, total_messages = c.total_messages + 1,
             is_agent_involved = true, assigned_agent_id = coalesce(c.assigned_agent_id, i.sender_id),
             last_message_at = i.created_at, updated_at = now()
           FROM inserted i WHERE c.id = i.conversation_id
         )
         SELECT ${MESSAGE} FROM inserted m LEFT JOIN users u ON u.id = m.sender_id`,
  params: [col.uuid, col.uuid, col.text, col.nullable(col.text)],
  columns: messageColumns,
});

/**
 * The bot's answer to question `$2`, in one statement: the answer (stamped after its question, and
 * nothing if the question already has one), the owed mark cleared, the conversation's counters and
 * running mean of response times (`$14` ms; a GENERAL conversation takes the answering FAQ's category
 * `$15`), one use of the FAQ that answered (folded into its count later, so that concurrent chats never
 * wait on the FAQ's row), the row.
 */
export const insertBotAnswer = sql({
  name: 'chat-message-insert-answer',
  text: `WITH question AS (
           SELECT id, conversation_id, created_at FROM messages WHERE id = $2
         ),
         inserted AS (
           INSERT INTO messages (id, conversation_id, sender_type, content, sentiment, source, faq_id, faq_confidence, model,
             prompt_tokens, completion_tokens, cost_micros, processing_time_ms, metadata, reply_to_id, created_at)
           SELECT $1, q.conversation_id, 'AI', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, q.id,
             greatest(now(), q.created_at + interval '1 millisecond')
           FROM question q
           ON CONFLICT (reply_to_id) DO NOTHING
           RETURNING ${RETURNED}
         ),
         answered AS (
           DELETE FROM pending_answers WHERE message_id = $2
         ),
         counted AS (
           UPDATE conversations c SET
             avg_response_time_ms = round((c.avg_response_time_ms::numeric * c.ai_messages + $14::int) / (c.ai_messages + 1)),
             ai_messages = c.ai_messages + 1, total_messages = c.total_messages + 1, last_message_at = i.created_at,
             category = CASE WHEN c.category = 'GENERAL' THEN coalesce($15, c.category) ELSE c.category END,
             updated_at = now()
           FROM inserted i WHERE c.id = i.conversation_id
         ),
         used AS (
           INSERT INTO faq_usage (message_id, faq_id) SELECT id, faq_id FROM inserted WHERE faq_id IS NOT NULL
         )
         SELECT ${MESSAGE} FROM inserted m LEFT JOIN users u ON u.id = m.sender_id`,
  params: [
    col.uuid,
    col.uuid,
    col.text,
    col.nullable(col.enum<ChatSentiment>('ChatSentiment')),
    col.enum<AnswerSource>('AnswerSource'),
    col.nullable(col.uuid),
    col.nullable(col.float),
    col.nullable(col.text),
    col.nullable(col.int),
    col.nullable(col.int),
    col.nullable(col.int),
    col.int,
    col.jsonb,
    col.int,
    col.nullable(col.enum<ChatCategory>('ChatCategory')),
  ],
  columns: messageColumns,
});

/** The answer already given to a question. */
export const findAnswerTo = sql({
  name: 'chat-message-answer-to',
  text: `SELECT ${MESSAGE} FROM messages m LEFT JOIN users u ON u.id = m.sender_id WHERE m.reply_to_id = $1`,
  params: [col.uuid],
  columns: messageColumns,
});

/**
 * What a sender's Idempotency-Key stored: the message (with whether it was flagged and whether its
 * answer is still owed) and the answer given to it, if any.
 */
export const findByIdempotencyKey = sql({
  name: 'chat-message-by-idempotency-key',
  text: `WITH keyed AS (SELECT id FROM messages WHERE sender_id = $1 AND idempotency_key = $2)
         SELECT ${MESSAGE}, m.flagged, m.reply_to_id AS "replyToId", (p.message_id IS NOT NULL) AS "answerOwed"
         FROM messages m
         LEFT JOIN users u ON u.id = m.sender_id
         LEFT JOIN pending_answers p ON p.message_id = m.id
         WHERE m.id = (SELECT id FROM keyed) OR m.reply_to_id = (SELECT id FROM keyed)`,
  params: [col.uuid, col.text],
  columns: { ...messageColumns, flagged: col.bool, replyToId: col.nullable(col.uuid), answerOwed: col.bool },
});

/** Takes over an owed answer whose answerer is overdue (a crashed process); nothing while it is still due. */
export const claimOwedAnswer = sql({
  name: 'chat-answer-claim',
  text: `UPDATE pending_answers SET due_at = now() + $2::int * interval '1 millisecond', attempts = attempts + 1
         WHERE message_id = $1 AND due_at <= now()
         RETURNING message_id AS "messageId"`,
  params: [col.uuid, col.int],
  columns: { messageId: col.uuid },
});

/**
 * The recovery sweep's batch: up to `$1` overdue owed answers, taken over for `$2` ms (skipping those
 * another instance is taking), each with its question and what decides whether the bot still answers.
 */
export const claimOverdueAnswers = sql({
  name: 'chat-answers-claim-overdue',
  text: `WITH due AS (
           SELECT message_id FROM pending_answers WHERE due_at <= now()
           ORDER BY due_at LIMIT $1::int FOR UPDATE SKIP LOCKED
         ),
         claimed AS (
           UPDATE pending_answers p SET due_at = now() + $2::int * interval '1 millisecond', attempts = p.attempts + 1
           FROM due WHERE p.message_id = due.message_id
           RETURNING p.message_id, p.attempts
         )
         SELECT ${MESSAGE}, cl.attempts, c.status AS "conversationStatus", c.assigned_agent_id AS "assignedAgentId"
         FROM claimed cl
         JOIN messages m ON m.id = cl.message_id
         JOIN conversations c ON c.id = m.conversation_id
         LEFT JOIN users u ON u.id = m.sender_id
         ORDER BY m.created_at`,
  params: [col.int, col.int],
  columns: {
    ...messageColumns,
    attempts: col.int,
    conversationStatus: col.enum<ConversationStatus>('ConversationStatus'),
    assignedAgentId: col.nullable(col.uuid),
  },
});

/** The answer is no longer owed (a human took the conversation over, or the sweep gave up). */
export const dropOwedAnswer = sql({
  name: 'chat-answer-drop',
  text: `DELETE FROM pending_answers WHERE message_id = $1`,
  params: [col.uuid],
  columns: {},
});

/** Thumbs up or down on a message; the row with its sender. */
export const setMessageFeedback = sql({
  name: 'chat-message-feedback',
  text: `WITH updated AS (
           UPDATE messages SET feedback = $2, feedback_at = now() WHERE id = $1 RETURNING ${RETURNED}
         )
         SELECT ${MESSAGE} FROM updated m LEFT JOIN users u ON u.id = m.sender_id`,
  params: [col.uuid, col.enum<MessageFeedback>('MessageFeedback')],
  columns: messageColumns,
});

/** Marks the given messages of others read; the ids newly marked. */
export const markMessagesRead = sql({
  name: 'chat-messages-read',
  text: `UPDATE messages SET read_at = $4
         WHERE conversation_id = $1 AND id = ANY($2) AND read_at IS NULL AND NOT flagged
           AND (sender_id IS NULL OR sender_id <> $3)
         RETURNING id`,
  params: [col.uuid, col.uuidArray, col.uuid, col.timestamptz],
  columns: { id: col.uuid },
});
