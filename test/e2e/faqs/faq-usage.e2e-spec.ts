import pg from 'pg';
import { FaqsService } from '../../../src/modules/faqs/faqs.service.js';
import { createConversation, createFaq, PASSWORD_FAQ } from '../chatbot/chat-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';

/**
 * Every FAQ answer counts a use of that FAQ. The count must not be one row that every chat updates
 * (concurrent chats would queue on its lock), and what staff and users read must still be exact.
 */
describe('FAQ usage counts without a hot row', () => {
  let t: TestApp;
  let admin: TestUser;
  let customer: TestUser;
  let faqId: string;

  const ask = async () => {
    const id = await createConversation(t, customer);
    const res = await t.http().post(`/api/v1/conversations/${id}/messages`).set(customer.auth).send({ content: 'How can I reset my password?' }).expect(201);
    expect(res.body.data.aiMessage.metadata).toMatchObject({ source: 'FAQ', faqId });
  };
  const usage = async () => (await t.http().get(`/api/v1/faqs/${faqId}`).expect(200)).body.data.usageCount as number;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser({ role: 'ADMIN' });
    customer = await t.createUser({ role: 'CUSTOMER' });
    faqId = await createFaq(t, admin, PASSWORD_FAQ);
  });
  afterAll(() => t.close());

  it('answers from an FAQ whose row another transaction is updating, without waiting for it', async () => {
    const locker = new pg.Client({ connectionString: t.databaseUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      // The lock an UPDATE of the row takes (as a usage increment of another chat would).
      await locker.query('SELECT id FROM faqs WHERE id = $1 FOR NO KEY UPDATE', [faqId]);
      const outcome = await Promise.race([
        ask().then(() => 'answered'),
        new Promise<string>((resolve) => setTimeout(() => resolve('still waiting for the row lock'), 5_000)),
      ]);
      expect(outcome).toBe('answered');
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });

  it('shows every use at once in the FAQ, the public list and the staff list, before and after the counts are folded', async () => {
    const before = await usage();
    await ask();
    await ask();
    expect(await usage()).toBe(before + 2);
    const listed = async (path: string) => {
      const res = await t.http().get(path).set(admin.auth).expect(200);
      return (res.body.data.items as { id: string; usageCount: number }[]).find((faq) => faq.id === faqId)?.usageCount;
    };
    expect(await listed('/api/v1/faqs')).toBe(before + 2);
    expect(await listed('/api/v1/faqs?search=password')).toBe(before + 2);
    expect(await listed('/api/v1/faqs/manage')).toBe(before + 2);

    await t.app.get(FaqsService).foldUsage();
    expect(await usage()).toBe(before + 2);
    expect(await listed('/api/v1/faqs')).toBe(before + 2);
    const stored = await t.prisma.faq.findUniqueOrThrow({ where: { id: faqId } });
    expect(stored.usageCount).toBe(before + 2);
    // An edit answers with the current count too.
    const edited = await t
      .http()
      .patch(`/api/v1/faqs/${faqId}`)
      .set(admin.auth)
      .send({ keywords: ['password', 'reset'] })
      .expect(200);
    expect(edited.body.data.usageCount).toBe(before + 2);
  });

  it('orders the list by the current count, folded or not', async () => {
    const other = await createFaq(t, admin, {
      question: 'Which browsers do you support?',
      answer: 'The latest two versions of each major browser.',
      keywords: ['browser'],
    });
    for (let i = 0; i < 5; i += 1) {
      const id = await createConversation(t, customer);
      await t.http().post(`/api/v1/conversations/${id}/messages`).set(customer.auth).send({ content: 'Which browsers do you support?' }).expect(201);
    }
    const list = await t.http().get('/api/v1/faqs').expect(200);
    expect(list.body.data.items.map((faq: { id: string }) => faq.id)).toEqual([other, faqId]);
  });
});
