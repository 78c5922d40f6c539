/**
 * The baseline of every scenario: bare Fastify + pg (+ a bare Socket.IO server) doing the same work
 * as the real server for the same request with the least SQL it takes: the same rows written, the
 * same response bytes (it maps rows with the server's own pure mappers from dist/, and the bench
 * checks that both answer alike), the same events, the same compression (@fastify/compress with its
 * defaults: brotli quality 4 above 1 KiB). No framework, no ORM, no request logging. A ratio near 1
 * in bench/results.md therefore means that the framework, the ORM and the logging cost nothing.
 */
import { randomUUID, createSecretKey } from 'node:crypto';
import compress from '@fastify/compress';
import { createAdapter } from '@socket.io/redis-adapter';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { Server } from 'socket.io';
import { moderateLocally } from '../dist/infra/ai/local-moderation.js';
import { scoreSentiment } from '../dist/infra/ai/sentiment.js';
import { toConversationDto, toMessageDto } from '../dist/modules/chatbot/message.mapper.js';
import { faqConfidence } from '../dist/modules/faqs/faq-confidence.js';
import { toFaqDto } from '../dist/modules/faqs/faqs.mapper.js';

const FAQ_BAR = 0.8; // AI_FAQ_CONFIDENCE's default: at or above it the FAQ answers on its own
const CANDIDATE_CAP = 200;
const DEFAULT_CONVERSATION_TITLE = 'New conversation';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));
const app = Fastify({ logger: false });
await app.register(compress, { encodings: ['br', 'gzip', 'deflate'], threshold: 1024 });

const query = (name, text, values) => pool.query({ name, text, values });
const ok = (data) => ({ success: true, data });
const pageOf = (request) => {
  const page = Math.max(1, Number(request.query.page ?? 1) || 1);
  const limit = Math.min(100, Math.max(1, Number(request.query.limit ?? 20) || 20));
  return { page, limit, offset: (page - 1) * limit };
};

/** The caller of a request: the token's subject, still active (the same check as the server's, plus the name a sender needs). */
async function caller(request, reply) {
  let claims;
  try {
    claims = jwt.verify(/^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1], key, { algorithms: ['HS256'] });
  } catch {
    return reply.code(401).send({ success: false });
  }
  const { rows } = await query(
    'caller',
    `SELECT id, name, role, status, password_changed_at AS "passwordChangedAt" FROM users WHERE id = $1 AND deleted_at IS NULL AND status IN ('ACTIVE', 'PENDING')`,
    [claims.sub],
  );
  const user = rows[0];
  if (!user || (user.passwordChangedAt && claims.iat < Math.floor(user.passwordChangedAt.getTime() / 1000))) return reply.code(401).send({ success: false });
  request.user = user;
}

app.get('/api/v1/health/ready', async () => {
  const started = performance.now();
  await query('ping', 'SELECT 1');
  return ok({ status: 'ok', checks: { database: { status: 'up', responseTimeMs: Math.round(performance.now() - started) } } });
});

const CONVERSATION_COLUMNS = `c.id, c.user_id AS "userId", c.title, c.status, c.sentiment, c.category, c.total_messages AS "totalMessages",
  c.user_messages AS "userMessages", c.ai_messages AS "aiMessages", c.agent_messages AS "agentMessages", c.avg_response_time_ms AS "avgResponseTimeMs",
  c.last_message_at AS "lastMessageAt", c.assigned_agent_id AS "assignedAgentId", c.is_agent_involved AS "isAgentInvolved", c.resolved_at AS "resolvedAt",
  c.csat_rating AS "csatRating", c.csat_comment AS "csatComment", c.csat_at AS "csatAt", c.archived_at AS "archivedAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

/** One statement: the page and the total beside it. */
app.get('/api/v1/conversations', { preHandler: caller }, async (request) => {
  const { page, limit, offset } = pageOf(request);
  const { rows } = await query(
    'conversation-page',
    `SELECT ${CONVERSATION_COLUMNS}, count(*) OVER () AS total FROM conversations c WHERE c.user_id = $1 AND c.archived_at IS NULL
     ORDER BY c.last_message_at DESC NULLS LAST, c.created_at DESC LIMIT $2 OFFSET $3`,
    [request.user.id, limit, offset],
  );
  const total = rows.length
    ? Number(rows[0].total)
    : Number(
        (await query('conversation-count', 'SELECT count(*) FROM conversations WHERE user_id = $1 AND archived_at IS NULL', [request.user.id])).rows[0].count,
      );
  return ok({ items: rows.map(toConversationDto), total, page, limit });
});

const FAQ_COLUMNS = `f.id, f.category, f.question, f.answer, f.keywords, f.related_question_ids AS "relatedQuestionIds", f.is_active AS "isActive",
  f.usage_count AS "usageCount", f.created_by_id AS "createdById", f.updated_by_id AS "updatedById", f.created_at AS "createdAt", f.updated_at AS "updatedAt"`;

/** One statement: the capped candidates, ranked, with the rows and the total. */
app.get('/api/v1/faqs', async (request) => {
  const { page, limit, offset } = pageOf(request);
  const { rows } = await query(
    'faq-search',
    `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
     candidates AS (SELECT ${FAQ_COLUMNS}, f.search_vector FROM faqs f, q WHERE f.search_vector @@ q.query AND f.is_active LIMIT ${CANDIDATE_CAP})
     SELECT f.*, count(*) OVER () AS total FROM candidates f, q ORDER BY ts_rank_cd(f.search_vector, q.query) DESC, f.id LIMIT $2 OFFSET $3`,
    [request.query.search ?? '', limit, offset],
  );
  return ok({ items: rows.map(toFaqDto), total: rows.length ? Number(rows[0].total) : 0, page, limit });
});

/** FAQ usage counts, added up in memory and written once a second (no hot row under load). */
const usage = new Map();
const flushUsage = async () => {
  if (usage.size === 0) return;
  const batch = [...usage];
  usage.clear();
  await query('faq-usage', `UPDATE faqs f SET usage_count = f.usage_count + u.n FROM unnest($1::uuid[], $2::int[]) AS u(id, n) WHERE f.id = u.id`, [
    batch.map(([id]) => id),
    batch.map(([, n]) => n),
  ]);
};
const usageTimer = setInterval(() => void flushUsage().catch(() => undefined), 1000);

const MESSAGE_RETURNING = `RETURNING id, conversation_id AS "conversationId", sender_id AS "senderId", sender_type AS "senderType", content, flagged, sentiment, source,
  faq_id AS "faqId", faq_confidence AS "faqConfidence", model, prompt_tokens AS "promptTokens", completion_tokens AS "completionTokens", cost_micros AS "costMicros",
  processing_time_ms AS "processingTimeMs", metadata, feedback, feedback_at AS "feedbackAt", read_at AS "readAt", created_at AS "createdAt"`;

/**
 * A chat message answered from the FAQ, in two statements: (1) store the question and count it on
 * the conversation, returning the FAQ candidates with it; (2) store the answer and count it. The
 * scoring, moderation and sentiment are the server's own functions.
 */
app.post('/api/v1/conversations/:id/messages', { preHandler: caller }, async (request, reply) => {
  const user = request.user;
  const conversationId = request.params.id;
  const content = String(request.body?.content ?? '');
  if (moderateLocally(content).flagged) return reply.code(400).send({ success: false });
  const sentiment = scoreSentiment(content);
  const title = content.length > 60 ? `${content.slice(0, 59).trimEnd()}…` : content;
  const { rows } = await query(
    'chat-question',
    `WITH conv AS (SELECT id, status, assigned_agent_id FROM conversations WHERE id = $1 AND user_id = $2 AND archived_at IS NULL),
     msg AS (
       INSERT INTO messages (id, conversation_id, sender_id, sender_type, content, sentiment, metadata)
       SELECT $3, conv.id, $2, 'USER', $4, $5, $6 FROM conv WHERE conv.status <> 'RESOLVED'
       ${MESSAGE_RETURNING}),
     counted AS (
       UPDATE conversations c SET user_messages = c.user_messages + 1, total_messages = c.total_messages + 1, last_message_at = msg."createdAt", sentiment = $5,
         title = CASE WHEN c.user_messages = 0 AND c.title = '${DEFAULT_CONVERSATION_TITLE}' THEN $7 ELSE c.title END, updated_at = now()
       FROM msg WHERE c.id = msg."conversationId"),
     q AS (SELECT nullif(replace(plainto_tsquery('english', $4)::text, ' & ', ' | '), '')::tsquery AS query),
     candidates AS (
       SELECT f.id, f.question, f.answer, f.keywords, f.category, ts_rank_cd(f.search_vector, q.query)::float8 AS rank
       FROM (SELECT * FROM faqs f, q WHERE f.is_active AND q.query IS NOT NULL AND f.search_vector @@ q.query LIMIT ${CANDIDATE_CAP}) f, q
       ORDER BY rank DESC, f.id LIMIT 20)
     SELECT conv.status, conv.assigned_agent_id AS "assignedAgentId", msg.*, (SELECT json_agg(candidates) FROM candidates) AS candidates
     FROM conv LEFT JOIN msg ON true`,
    [conversationId, user.id, randomUUID(), content, sentiment.label, { sentimentScore: sentiment.score }, title],
  );
  const row = rows[0];
  if (!row) return reply.code(404).send({ success: false });
  if (!row.id) return reply.code(409).send({ success: false });
  const { status, assignedAgentId, candidates, ...saved } = row;
  const userMessage = toMessageDto({ ...saved, senderName: user.name, senderRole: user.role });
  const room = `conversation:${conversationId}`;
  io.to(room).emit('message:received', { conversationId, message: userMessage });
  if (status === 'ESCALATED' || assignedAgentId) return reply.code(201).send(ok({ userMessage, aiMessage: null }));

  const started = Date.now();
  io.to(room).emit('ai:typing', { conversationId, typing: true });
  const best = (candidates ?? []).map((faq) => ({ ...faq, confidence: faqConfidence(content, faq) })).sort((a, b) => b.confidence - a.confidence)[0];
  if (!best || best.confidence < FAQ_BAR) return reply.code(501).send({ success: false, message: 'the baseline answers from the FAQ only' });
  const elapsed = Date.now() - started;
  const answer = await query(
    'chat-answer',
    `WITH msg AS (
       INSERT INTO messages (id, conversation_id, sender_type, content, sentiment, source, faq_id, faq_confidence, processing_time_ms, metadata)
       VALUES ($1, $2, 'AI', $3, $4, 'FAQ', $5, $6, $7, $8)
       ${MESSAGE_RETURNING}),
     counted AS (
       UPDATE conversations SET avg_response_time_ms = round((avg_response_time_ms::numeric * ai_messages + $7) / (ai_messages + 1)), ai_messages = ai_messages + 1,
         total_messages = total_messages + 1, last_message_at = (SELECT "createdAt" FROM msg),
         category = CASE WHEN category = 'GENERAL' THEN $9::"ChatCategory" ELSE category END, updated_at = now()
       WHERE id = $2)
     SELECT * FROM msg`,
    [
      randomUUID(),
      conversationId,
      best.answer,
      scoreSentiment(best.answer).label,
      best.id,
      best.confidence,
      elapsed,
      { faqQuestion: best.question },
      best.category,
    ],
  );
  usage.set(best.id, (usage.get(best.id) ?? 0) + 1);
  const aiMessage = toMessageDto({ ...answer.rows[0], senderName: null, senderRole: null });
  io.to(room).emit('message:received', { conversationId, message: aiMessage });
  io.to(room).emit('ai:typing', { conversationId, typing: false });
  return reply.code(201).send(ok({ userMessage, aiMessage }));
});

await app.ready();
const io = new Server(app.server, { transports: ['websocket'] });
if (process.env.REDIS_URL) {
  const pub = new Redis(process.env.REDIS_URL);
  io.adapter(createAdapter(pub, pub.duplicate(), { key: `${process.env.REDIS_KEY_PREFIX ?? 'cx:'}socket.io` }));
}
io.use((socket, next) => {
  try {
    socket.data.user = jwt.verify(socket.handshake.auth?.token, key, { algorithms: ['HS256'] });
    next();
  } catch {
    next(new Error('Unauthorized'));
  }
});
io.on('connection', (socket) => {
  // The emitter ignores a returned promise: a failed join is answered here instead of becoming an unhandled rejection.
  socket.on('conversation:join', (payload, ack) => {
    joinConversation(socket, payload).then(
      (joined) => ack?.({ success: joined }),
      () => ack?.({ success: false }),
    );
  });
});

async function joinConversation(socket, payload) {
  const { rows } = await query('join', 'SELECT id FROM conversations WHERE id = $1 AND user_id = $2', [payload?.conversationId, socket.data.user.sub]);
  if (rows[0]) await socket.join(`conversation:${rows[0].id}`);
  return Boolean(rows[0]);
}

async function shutdown() {
  clearInterval(usageTimer);
  io.close();
  await app.close();
  await flushUsage().catch(() => undefined);
  await pool.end();
}

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => {
  shutdown().then(
    () => process.exit(0),
    (error) => {
      console.error('baseline server: shutdown failed', error);
      process.exit(1);
    },
  );
});
