import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { JwtService } from '@nestjs/jwt';
import pg from 'pg';
import { AccessTokenService } from '../../../src/common/auth/access-token.service.js';
import { AppConfig } from '../../../src/config/app-config.js';
import { eventually } from '../../support/eventually.js';
import { spawnServer, type SpawnedServer } from '../../support/spawned-server.js';
import { startStandInServer, type StandInServer } from '../../support/stand-in-server.js';
import { createTestDatabase } from '../../support/test-database.js';
import { chatBody, streamOpenAiCompletion } from './provider-stand-ins.js';

const JWT_SECRET = 'crash-recovery-secret-that-is-long-enough-0123456789';
const MESSAGES = 50;

/**
 * A chat message that was stored is answered even when the process that stored it dies before the
 * answer: the next process on the same database answers it, once.
 */
describe('Chat answers survive a crash (kill -9)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: pg.Client;
  let ai: StandInServer;
  let server: SpawnedServer | undefined;
  // The model answers the first questions at once and then slows down: the answers to the later
  // ones are still on their way when the process dies.
  const ANSWERED_AT_ONCE = 15;
  let holdAnswers = true;
  let answeredAtOnce = 0;
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    ai = await startStandInServer({
      'POST /v1/chat/completions': (req, res) => {
        if (holdAnswers && ++answeredAtOnce > ANSWERED_AT_ONCE) held.push(res);
        else streamOpenAiCompletion(res, chatBody(req).model, 'Here is the answer you were waiting for.');
      },
    });
  });

  afterAll(async () => {
    await server?.stop('SIGKILL');
    for (const res of held) res.destroy();
    await ai?.close();
    await db?.end();
    await database?.drop();
  });

  it(`answers every stored message of ${MESSAGES} after the server is killed mid-way and started again`, async () => {
    const env = {
      DATABASE_URL: database.url,
      JWT_SECRET,
      THROTTLE_LIMIT: '100000',
      AI_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: `${ai.url}/v1`,
      AI_MODERATION: 'local',
      AI_MAX_RETRIES: '0',
      AI_TIMEOUT_MS: '120000',
      // A stored question still unanswered this long after it was stored is answered by the recovery sweep.
      CHAT_ANSWER_RECOVERY_MS: '1000',
    };
    const userId = randomUUID();
    await db.query(
      `INSERT INTO users (id, email, name, role, status, password_hash, updated_at) VALUES ($1, $2, 'Crash Tester', 'CUSTOMER', 'ACTIVE', 'x', now())`,
      [userId, `crash-${userId.slice(0, 8)}@test.cx`],
    );
    const tokens = new AccessTokenService(new JwtService(), AppConfig.fromEnv({}, { databaseUrl: database.url, jwtSecret: JWT_SECRET }));
    const token = tokens.sign({ id: userId, role: 'CUSTOMER', status: 'ACTIVE' });
    const conversations: string[] = [];
    for (let i = 0; i < MESSAGES; i += 1) {
      const id = randomUUID();
      await db.query(`INSERT INTO conversations (id, user_id, title, updated_at) VALUES ($1, $2, 'Crash test', now())`, [id, userId]);
      conversations.push(id);
    }

    server = await spawnServer(env, 60_000);
    const first = server;
    const posts = conversations.map((id, i) =>
      fetch(`${first.url}/api/v1/conversations/${id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ content: `Question number ${i}: where is my order?` }),
      }).then(
        (res) => res.status,
        () => 'connection lost',
      ),
    );
    await eventually(() => expect(held.length).toBeGreaterThanOrEqual(20), { timeoutMs: 30_000, intervalMs: 200, what: '20 questions to reach the model' });
    await first.stop('SIGKILL');
    const outcomes = await Promise.all(posts);
    for (const res of held.splice(0)) res.destroy();

    const stored = async () =>
      (
        await db.query<{ conversation_id: string; questions: number; answers: number }>(
          `SELECT conversation_id, count(*) FILTER (WHERE sender_type = 'USER')::int AS questions, count(*) FILTER (WHERE sender_type = 'AI')::int AS answers
           FROM messages GROUP BY conversation_id`,
        )
      ).rows;
    const before = await stored();
    const unansweredAtCrash = before.filter((row) => row.answers < row.questions).length;
    expect(unansweredAtCrash).toBeGreaterThan(0);

    holdAnswers = false;
    server = await spawnServer(env, 60_000);
    const rows = await eventually(
      async () => {
        const now = await stored();
        expect(now.filter((row) => row.answers < row.questions)).toEqual([]);
        return now;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'every stored question to be answered' },
    );
    // Answered once each: no question got two answers.
    expect(rows.every((row) => row.questions === 1 && row.answers === 1)).toBe(true);
    console.info(
      `crash recovery: ${MESSAGES} posted, ${outcomes.filter((o) => o === 201).length} answered before the kill, ` +
        `${rows.length} stored, ${unansweredAtCrash} unanswered at the crash, all ${rows.length} answered after the restart`,
    );
  }, 150_000);
});
