/**
 * The baseline of every scenario: bare Fastify + pg (+ a bare Socket.IO server), the same SQL for the
 * same route, no framework, no ORM, no envelope mapping beyond what the JSON needs. The bench reports
 * the real server's numbers as ratios of these.
 */
import { createHash, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import bcrypt from 'bcrypt';
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { Server } from 'socket.io';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const key = createSecretKey(Buffer.from(process.env.JWT_SECRET, 'utf8'));
const app = Fastify({ logger: false });

async function caller(request, reply) {
  const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  let claims;
  try {
    claims = jwt.verify(token, key, { algorithms: ['HS256'] });
  } catch {
    return reply.code(401).send({ success: false });
  }
  const { rows } = await pool.query(
    `SELECT id, role, status, password_changed_at FROM users WHERE id = $1 AND deleted_at IS NULL AND status IN ('ACTIVE','PENDING') LIMIT 1`,
    [claims.sub],
  );
  if (!rows[0]) return reply.code(401).send({ success: false });
  request.user = rows[0];
}

app.get('/api/v1/health/ready', async () => {
  await pool.query('SELECT 1');
  return { success: true, data: { status: 'ok', checks: { database: { status: 'up' } } } };
});

app.get('/api/v1/conversations', { preHandler: caller }, async (request) => {
  const [items, total] = await Promise.all([
    pool.query(`SELECT * FROM conversations WHERE user_id = $1 ORDER BY last_message_at DESC NULLS LAST, created_at DESC LIMIT 20 OFFSET 0`, [request.user.id]),
    pool.query(`SELECT count(*) FROM conversations WHERE user_id = $1`, [request.user.id]),
  ]);
  return { success: true, data: { items: items.rows, total: Number(total.rows[0].count), page: 1, limit: 20 } };
});

app.get('/api/v1/faqs', async (request) => {
  const { rows } = await pool.query(
    `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
     candidates AS (SELECT f.id, f.search_vector FROM faqs f, q WHERE f.search_vector @@ q.query AND f.is_active LIMIT 500)
     SELECT c.id, count(*) OVER () AS total FROM candidates c, q ORDER BY ts_rank_cd(c.search_vector, q.query) DESC, c.id LIMIT 20 OFFSET 0`,
    [request.query.search],
  );
  const faqs = rows.length ? (await pool.query(`SELECT * FROM faqs WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)])).rows : [];
  return { success: true, data: { items: faqs, total: rows.length ? Number(rows[0].total) : 0, page: 1, limit: 20 } };
});

app.post('/api/v1/auth/login', async (request, reply) => {
  const { rows } = await pool.query(`SELECT id, role, status, password_hash FROM users WHERE email = $1 AND deleted_at IS NULL LIMIT 1`, [request.body.email]);
  if (!rows[0] || !(await bcrypt.compare(request.body.password, rows[0].password_hash))) return reply.code(401).send({ success: false });
  const refresh = randomBytes(32).toString('base64url');
  await pool.query(`INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + interval '30 days')`, [
    randomUUID(),
    rows[0].id,
    randomUUID(),
    createHash('sha256').update(refresh).digest('hex'),
  ]);
  const token = jwt.sign({ role: rows[0].role, status: rows[0].status, typ: 'access' }, key, { subject: rows[0].id, expiresIn: 900, algorithm: 'HS256' });
  return { success: true, data: { token, refreshToken: refresh } };
});

/** The chat message answered from the FAQ: store the question, match the FAQ, store the answer, count, broadcast. */
app.post('/api/v1/conversations/:id/messages', { preHandler: caller }, async (request, reply) => {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const conversation = await client.query(`SELECT id FROM conversations WHERE id = $1 AND user_id = $2 FOR UPDATE`, [request.params.id, request.user.id]);
    if (!conversation.rows[0]) {
      await client.query('ROLLBACK');
      return reply.code(404).send({ success: false });
    }
    const userMessage = (
      await client.query(`INSERT INTO messages (id, conversation_id, sender_id, sender_type, content, sentiment) VALUES ($1, $2, $3, 'USER', $4, 'NEUTRAL') RETURNING *`, [
        randomUUID(),
        request.params.id,
        request.user.id,
        request.body.content,
      ])
    ).rows[0];
    io.to(`conversation:${request.params.id}`).emit('message:received', { conversationId: request.params.id, message: userMessage });
    const [faq] = (
      await client.query(
        `WITH q AS (SELECT nullif(replace(plainto_tsquery('english', $1)::text, ' & ', ' | '), '')::tsquery AS query),
         candidates AS (SELECT f.id, f.question, f.answer, f.keywords, f.category, f.search_vector FROM faqs f, q WHERE f.is_active AND q.query IS NOT NULL AND f.search_vector @@ q.query LIMIT 500)
         SELECT c.id, c.question, c.answer, ts_rank_cd(c.search_vector, q.query)::float8 AS rank FROM candidates c, q ORDER BY rank DESC, c.id LIMIT 3`,
        [request.body.content],
      )
    ).rows;
    const aiMessage = (
      await client.query(`INSERT INTO messages (id, conversation_id, sender_type, content, source, faq_id, faq_confidence) VALUES ($1, $2, 'AI', $3, 'FAQ', $4, 0.9) RETURNING *`, [
        randomUUID(),
        request.params.id,
        faq?.answer ?? 'No answer',
        faq?.id ?? null,
      ])
    ).rows[0];
    await client.query(`UPDATE faqs SET usage_count = usage_count + 1 WHERE id = $1`, [faq?.id ?? null]);
    await client.query(
      `UPDATE conversations SET total_messages = total_messages + 2, user_messages = user_messages + 1, ai_messages = ai_messages + 1, last_message_at = now(), updated_at = now() WHERE id = $1`,
      [request.params.id],
    );
    await client.query('COMMIT');
    io.to(`conversation:${request.params.id}`).emit('message:received', { conversationId: request.params.id, message: aiMessage });
    return reply.code(201).send({ success: true, data: { userMessage, aiMessage } });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
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
  socket.on('conversation:join', async (payload, ack) => {
    const { rows } = await pool.query(`SELECT id FROM conversations WHERE id = $1 AND user_id = $2`, [payload?.conversationId, socket.data.user.sub]);
    if (rows[0]) await socket.join(`conversation:${rows[0].id}`);
    ack?.({ success: Boolean(rows[0]) });
  });
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', async () => {
  io.close();
  await app.close();
  await pool.end();
  process.exit(0);
});
