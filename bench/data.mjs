import { randomUUID } from 'node:crypto';
import bcrypt from 'bcrypt';
import pg from 'pg';

export const BENCH_PASSWORD = 'Bench-Password-2026!';
export const CONVERSATIONS_PER_USER = 20;
export const FAQ_COUNT = 10_000;
export const CHAT_QUESTION = 'How can I download my annual tax receipt?';

const TOPICS = [
  'account',
  'billing',
  'invoice',
  'refund',
  'password',
  'profile',
  'schedule',
  'payment',
  'shift',
  'upload',
  'document',
  'language',
  'assessment',
  'call',
  'donation',
  'voucher',
  'notification',
  'email',
  'phone',
  'security',
];
const VERBS = ['change', 'update', 'cancel', 'find', 'delete', 'verify', 'export', 'share', 'restore', 'check'];
const CATEGORIES = ['ACCOUNT', 'BILLING', 'TECHNICAL', 'PRODUCT', 'GENERAL'];

/**
 * Inserts with plain SQL:
 * - `listUsers` CUSTOMERs with 20 conversations each, password hashed at cost 10 (the login scenario);
 * - `chatUsers` CUSTOMERs with one conversation each, hashed at cost 4 only so that logging them all
 *   in is quick: the chat scenario spreads its messages over them so that the per-user chat limit
 *   (60 a minute) never binds;
 * - 10,000 FAQs, one of which answers CHAT_QUESTION.
 * Then VACUUM (ANALYZE): fresh statistics, and the FAQ GIN index's pending list merged into the
 * index, as on a database that has been running for a while.
 */
export async function seedBenchData(databaseUrl, { listUsers = 100, chatUsers = 600 } = {}) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [slowHash, fastHash] = await Promise.all([bcrypt.hash(BENCH_PASSWORD, 10), bcrypt.hash(BENCH_PASSWORD, 4)]);
    const insertUsers = (prefix, count, hash) =>
      client.query(
        `INSERT INTO users (id, email, name, password_hash, role, status, email_verified_at, updated_at)
         SELECT gen_random_uuid(), $1 || n || '@bench.cx', 'Bench user ' || n, $2, 'CUSTOMER', 'ACTIVE', now(), now() FROM generate_series(0, $3 - 1) n`,
        [prefix, hash, count],
      );
    await insertUsers('bench-', listUsers, slowHash);
    await insertUsers('chat-', chatUsers, fastHash);
    await client.query(
      `INSERT INTO conversations (id, user_id, title, updated_at, last_message_at)
       SELECT gen_random_uuid(), u.id, 'Conversation ' || n, now(), now() - (n || ' minutes')::interval
       FROM users u, generate_series(1, $1) n WHERE u.email LIKE 'bench-%'`,
      [CONVERSATIONS_PER_USER],
    );
    await client.query(
      `INSERT INTO conversations (id, user_id, title, updated_at, last_message_at)
       SELECT gen_random_uuid(), u.id, 'Chat', now(), now() FROM users u WHERE u.email LIKE 'chat-%'`,
    );
    await client.query(
      `INSERT INTO faqs (id, question, answer, keywords, category, updated_at)
       SELECT gen_random_uuid(),
              'How do I ' || ($1::text[])[1 + n % 10] || ' my ' || ($2::text[])[1 + (n / 10) % 20] || ' ' || ($2::text[])[1 + (n / 200) % 20] || ' (case ' || n || ')?',
              'Open settings, choose ' || ($2::text[])[1 + (n / 10) % 20] || ', then ' || ($1::text[])[1 + n % 10] || ' it. Reference ' || n || '.',
              ARRAY[($2::text[])[1 + (n / 10) % 20], ($1::text[])[1 + n % 10]],
              (($3::text[])[1 + n % 5])::"ChatCategory", now()
       FROM generate_series(1, $4) n`,
      [VERBS, TOPICS, CATEGORIES, FAQ_COUNT - 1],
    );
    await client.query(
      `INSERT INTO faqs (id, question, answer, keywords, category, updated_at)
       VALUES ($2, $1, 'Go to Donations > Receipts and choose Download for the tax year you need.', ARRAY['tax','receipt','download','annual'], 'BILLING', now())`,
      [CHAT_QUESTION, randomUUID()],
    );
    await client.query('VACUUM (ANALYZE)');
    const users = async (pattern) =>
      (
        await client.query(
          `SELECT u.id AS "userId", u.email, (SELECT c.id FROM conversations c WHERE c.user_id = u.id ORDER BY c.last_message_at DESC LIMIT 1) AS "conversationId"
           FROM users u WHERE u.email LIKE $1 ORDER BY u.email`,
          [pattern],
        )
      ).rows;
    return { listUsers: await users('bench-%'), chatUsers: await users('chat-%') };
  } finally {
    await client.end();
  }
}

/** Entries waiting in the FAQ GIN index's pending list (0 once merged, or with fastupdate off). */
export async function faqIndexPendingTuples(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    const { rows } = await client.query(`SELECT pending_tuples::int AS pending FROM pgstatginindex('faqs_search_vector_idx')`);
    return rows[0].pending;
  } catch {
    return undefined; // pgstattuple is not installed on every server
  } finally {
    await client.end();
  }
}
