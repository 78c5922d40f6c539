import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ChatPipelineService } from '../../../src/modules/chatbot/chat-pipeline.service.js';
import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';
import { createConversation, createFaq, PASSWORD_FAQ } from './chat-helpers.js';

interface InboxEntry {
  id: string;
  question: string;
  occurrences: number;
  origin: string;
  status: string;
  faqId: string | null;
}

/**
 * The FAQ loop closes itself: what the knowledge base could not answer lands in the staff inbox on
 * its own, near-duplicates counted on one entry; staff publish the answer as an FAQ in one step, and
 * the next customer asking gets it from the FAQ.
 */
describe('The FAQ loop: unanswered questions → inbox → FAQ → answered', () => {
  let t: TestApp;
  let admin: TestUser;
  let supportAgent: TestUser;
  let customer: TestUser;
  let neighbour: TestUser;

  const ask = async (user: TestUser, content: string) => {
    const conversationId = await createConversation(t, user);
    const res = await t.http().post(`/api/v1/conversations/${conversationId}/messages`).set(user.auth).send({ content }).expect(201);
    return res.body.data as { userMessage: { id: string }; aiMessage: { id: string; metadata: Record<string, unknown> } };
  };
  const openInbox = async (): Promise<InboxEntry[]> =>
    (await t.http().get('/api/v1/chatbot/custom-questions').query({ status: 'OPEN', limit: 100 }).set(supportAgent.auth).expect(200)).body.data.items;
  const entryFor = async (fragment: string) => (await openInbox()).filter((entry) => entry.question.toLowerCase().includes(fragment));

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser({ role: 'ADMIN' });
    supportAgent = await t.createUser({ role: 'SUPPORT_AGENT' });
    customer = await t.createUser({ role: 'CUSTOMER' });
    neighbour = await t.createUser({ role: 'CUSTOMER' });
    await createFaq(t, admin, PASSWORD_FAQ);
  });
  afterAll(() => t.close());

  it('walks the whole loop: two near-duplicates show once with count 2, staff convert, the next asker gets the FAQ', async () => {
    const first = await ask(customer, 'Do you ship parcels to Antarctica?');
    expect(first.aiMessage.metadata.source).toBe('AI');
    // A plural, another case, no question mark and a typo: the same question.
    await ask(neighbour, 'do you ship parcel to antartica');

    const entries = await entryFor('antar');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ question: 'Do you ship parcels to Antarctica?', occurrences: 2, origin: 'UNANSWERED', status: 'OPEN' });

    const converted = await t
      .http()
      .post(`/api/v1/chatbot/custom-questions/${entries[0].id}/faq`)
      .set(supportAgent.auth)
      .send({ answer: 'Yes: parcels to Antarctica ship from our Christchurch hub every month.', category: 'PRODUCT' })
      .expect(201);
    const faq = converted.body.data.faq as { id: string; question: string; answer: string; category: string };
    expect(faq).toMatchObject({ question: 'Do you ship parcels to Antarctica?', category: 'PRODUCT' });
    expect(converted.body.data.customQuestion).toMatchObject({ id: entries[0].id, status: 'CONVERTED', faqId: faq.id, answer: faq.answer });
    expect(await entryFor('antar')).toEqual([]);

    const again = await ask(customer, 'Do you ship parcels to Antarctica?');
    expect(again.aiMessage.metadata).toMatchObject({ source: 'FAQ', faqId: faq.id });
    expect(await entryFor('antar')).toEqual([]);
  });

  it('records questions the model answered, statements of a problem, and not small talk or FAQ answers', async () => {
    await ask(customer, 'I still cannot log in to the mobile app after the update');
    await ask(customer, 'thanks, sounds good');
    await ask(customer, 'How do I reset my password?');
    expect(await entryFor('mobile app')).toHaveLength(1);
    expect(await entryFor('sounds good')).toEqual([]);
    expect(await entryFor('password')).toEqual([]);
  });

  it('keeps different questions apart even when their words look alike', async () => {
    await ask(customer, 'How do I change my billing address?');
    await ask(neighbour, 'How do I change my shipping address?');
    expect(await entryFor('billing address')).toHaveLength(1);
    expect(await entryFor('shipping address')).toHaveLength(1);
  });

  it('counts a question answered again after a crash once', async () => {
    const sent = await ask(customer, 'Can I pay my invoice in bitcoin?');
    expect(await entryFor('bitcoin')).toMatchObject([{ occurrences: 1 }]);
    // As if the process died after recording the question but before its answer was stored.
    await t.prisma.message.delete({ where: { id: sent.aiMessage.id } });
    await t.prisma.pendingAnswer.create({ data: { messageId: sent.userMessage.id, dueAt: new Date(Date.now() - 1_000) } });
    expect(await t.app.get(ChatPipelineService).answerOverdue()).toBe(1);
    expect(await t.prisma.message.count({ where: { replyToId: sent.userMessage.id } })).toBe(1);
    expect(await entryFor('bitcoin')).toMatchObject([{ occurrences: 1 }]);
  });

  it("counts an ask without waiting on the entry's row (a popular question is no hot row)", async () => {
    await ask(customer, 'Do you deliver to the Faroe Islands?');
    const [entry] = await entryFor('faroe');
    const locker = new pg.Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      // The lock an UPDATE of the entry takes (as a counter increment of another ask would).
      await locker.query('SELECT id FROM custom_questions WHERE id = $1 FOR NO KEY UPDATE', [entry.id]);
      const outcome = await Promise.race([
        ask(neighbour, 'do you deliver to the faroe islands').then(() => 'answered'),
        new Promise<string>((resolve) => setTimeout(() => resolve('still waiting for the row lock'), 5_000)),
      ]);
      expect(outcome).toBe('answered');
      expect(await entryFor('faroe')).toMatchObject([{ id: entry.id, occurrences: 2 }]);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });

  it('converts in one transaction: when the FAQ cannot be stored, the entry stays open and no FAQ exists', async () => {
    await ask(customer, 'Is there a student discount on the yearly plan?');
    const [entry] = await entryFor('student discount');
    const ddl = new pg.Client({ connectionString: t.databaseUrl });
    await ddl.connect();
    try {
      await ddl.query(`CREATE FUNCTION refuse_faq() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
      await ddl.query(`CREATE TRIGGER refuse_faq BEFORE INSERT ON faqs FOR EACH ROW WHEN (NEW.answer = 'boom') EXECUTE FUNCTION refuse_faq()`);
      await t.http().post(`/api/v1/chatbot/custom-questions/${entry.id}/faq`).set(supportAgent.auth).send({ answer: 'boom' }).expect(500);
    } finally {
      await ddl.query('DROP TRIGGER IF EXISTS refuse_faq ON faqs');
      await ddl.query('DROP FUNCTION IF EXISTS refuse_faq()');
      await ddl.end();
    }
    expect(await entryFor('student discount')).toMatchObject([{ id: entry.id, status: 'OPEN', faqId: null }]);
    expect(await t.prisma.faq.count({ where: { answer: 'boom' } })).toBe(0);

    // Two staff converting at once: one wins, one FAQ.
    const body = { answer: 'Students get 30 % off the yearly plan with a university email.' };
    const results = await Promise.all([
      t.http().post(`/api/v1/chatbot/custom-questions/${entry.id}/faq`).set(supportAgent.auth).send(body),
      t.http().post(`/api/v1/chatbot/custom-questions/${entry.id}/faq`).set(supportAgent.auth).send(body),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([201, 409]);
    expect(await t.prisma.faq.count({ where: { answer: body.answer } })).toBe(1);
  });

  it('lets only staff convert; unknown ids are 404 and bad input 400', async () => {
    await ask(customer, 'Can I transfer my licence to a colleague?');
    const [entry] = await entryFor('licence');
    await t.http().post(`/api/v1/chatbot/custom-questions/${entry.id}/faq`).set(customer.auth).send({ answer: 'Yes.' }).expect(403);
    await t.http().post(`/api/v1/chatbot/custom-questions/${entry.id}/faq`).send({ answer: 'Yes.' }).expect(401);
    await t.http().post(`/api/v1/chatbot/custom-questions/${randomUUID()}/faq`).set(admin.auth).send({ answer: 'Yes.' }).expect(404);
    await t.http().post(`/api/v1/chatbot/custom-questions/not-a-uuid/faq`).set(admin.auth).send({ answer: 'Yes.' }).expect(400);
    const missing = await t.http().post(`/api/v1/chatbot/custom-questions/${entry.id}/faq`).set(admin.auth).send({}).expect(400);
    expect(missing.body.error).toBe('VALIDATION_FAILED');
    await t.http().post(`/api/v1/chatbot/custom-questions/${entry.id}/faq`).set(admin.auth).send({ answer: 'Yes.', status: 'OPEN' }).expect(400);
    const docs = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toContain('/api/v1/chatbot/custom-questions/{id}/faq');
  });
});
