import { randomUUID } from 'node:crypto';
import bcrypt from 'bcrypt';
import pg from 'pg';

export const BENCH_PASSWORD = 'Bench-Password-2026!';
export const BENCH_USERS = 100;
export const CONVERSATIONS_PER_USER = 20;
export const FAQ_COUNT = 10_000;
export const CHAT_QUESTION = 'How can I download my annual tax receipt?';

const TOPICS = ['account', 'billing', 'invoice', 'refund', 'password', 'profile', 'schedule', 'payment', 'shift', 'upload', 'document', 'language', 'assessment', 'call', 'donation', 'voucher', 'notification', 'email', 'phone', 'security'];
const VERBS = ['change', 'update', 'cancel', 'find', 'delete', 'verify', 'export', 'share', 'restore', 'check'];
const CATEGORIES = ['ACCOUNT', 'BILLING', 'TECHNICAL', 'PRODUCT', 'GENERAL'];

/** Bench users (CUSTOMER) with 20 conversations each, and 10,000 FAQs, inserted with plain SQL. */
export async function seedBenchData(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const hash = await bcrypt.hash(BENCH_PASSWORD, 10);
    const users = Array.from({ length: BENCH_USERS }, (_, i) => ({ id: randomUUID(), email: `bench-${i}@bench.cx` }));
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, role, status, email_verified_at, updated_at)
       SELECT u.id::uuid, u.email, 'Bench user', $2, 'CUSTOMER', 'ACTIVE', now(), now() FROM json_to_recordset($1::json) AS u(id text, email text)`,
      [JSON.stringify(users), hash],
    );
    await client.query(
      `INSERT INTO conversations (id, user_id, title, updated_at, last_message_at)
       SELECT gen_random_uuid(), u.id, 'Conversation ' || n, now(), now() - (n || ' minutes')::interval
       FROM users u, generate_series(1, $1) n WHERE u.email LIKE 'bench-%'`,
      [CONVERSATIONS_PER_USER],
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
       VALUES (gen_random_uuid(), $1, 'Go to Donations > Receipts and choose Download for the tax year you need.', ARRAY['tax','receipt','download','annual'], 'BILLING', now())`,
      [CHAT_QUESTION],
    );
    await client.query('ANALYZE');
    const { rows } = await client.query(
      `SELECT u.id AS "userId", u.email, (SELECT c.id FROM conversations c WHERE c.user_id = u.id ORDER BY c.created_at LIMIT 1) AS "conversationId"
       FROM users u WHERE u.email LIKE 'bench-%' ORDER BY u.email`,
    );
    return rows;
  } finally {
    await client.end();
  }
}
