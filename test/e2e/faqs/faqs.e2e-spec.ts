import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';
import { createFaq, PASSWORD_FAQ, REFUND_FAQ } from '../chatbot/chat-helpers.js';

describe('FAQs: public search, staff CRUD', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;
  let customer: TestUser;
  let passwordId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser({ role: 'ADMIN' });
    agent = await t.createUser({ role: 'SUPPORT_AGENT' });
    customer = await t.createUser({ role: 'CUSTOMER' });
    passwordId = await createFaq(t, admin, PASSWORD_FAQ);
    await createFaq(t, agent, REFUND_FAQ);
    await createFaq(t, admin, { question: 'Hidden draft about passwords', answer: 'draft', isActive: false });
  });
  afterAll(() => t.close());

  it('searches active FAQs with full-text search, without a token', async () => {
    const res = await t.http().get('/api/v1/faqs').query({ search: 'reset password' }).expect(200);
    expect(res.body.data.total).toBe(1);
    expect(res.body.data.items[0]).toMatchObject({ id: passwordId, question: PASSWORD_FAQ.question, createdById: admin.user.id, usageCount: 0 });
    const byKeyword = await t.http().get('/api/v1/faqs').query({ search: 'money back' }).expect(200);
    expect(byKeyword.body.data.items.map((f: { category: string }) => f.category)).toEqual(['BILLING']);
  });

  it('lists by category and hides inactive FAQs from the public', async () => {
    const all = await t.http().get('/api/v1/faqs').expect(200);
    expect(all.body.data.total).toBe(2);
    const billing = await t.http().get('/api/v1/faqs').query({ category: 'BILLING' }).expect(200);
    expect(billing.body.data.total).toBe(1);
    const staff = await t.http().get('/api/v1/faqs/manage').query({ isActive: 'false' }).set(agent.auth).expect(200);
    expect(staff.body.data.items.map((f: { question: string }) => f.question)).toEqual(['Hidden draft about passwords']);
  });

  it('gets one FAQ; an unknown id is 404 and a malformed one 400', async () => {
    await t.http().get(`/api/v1/faqs/${passwordId}`).expect(200);
    await t.http().get(`/api/v1/faqs/${randomUUID()}`).expect(404);
    const bad = await t.http().get('/api/v1/faqs/not-a-uuid').expect(400);
    expect(bad.body.success).toBe(false);
  });

  it('lets staff update (recording who) and delete; customers get 403', async () => {
    await t.http().post('/api/v1/faqs').set(customer.auth).send(PASSWORD_FAQ).expect(403);
    await t.http().patch(`/api/v1/faqs/${passwordId}`).set(customer.auth).send({ answer: 'x' }).expect(403);
    await t.http().delete(`/api/v1/faqs/${passwordId}`).set(customer.auth).expect(403);
    await t.http().get('/api/v1/faqs/manage').set(customer.auth).expect(403);
    await t.http().post('/api/v1/faqs').send(PASSWORD_FAQ).expect(401);

    const updated = await t
      .http()
      .patch(`/api/v1/faqs/${passwordId}`)
      .set(agent.auth)
      .send({ keywords: ['Password', 'RESET'] })
      .expect(200);
    expect(updated.body.data).toMatchObject({ keywords: ['password', 'reset'], updatedById: agent.user.id, createdById: admin.user.id });

    const temp = await createFaq(t, agent, { question: 'Temporary question here', answer: 'temp' });
    await t.http().delete(`/api/v1/faqs/${temp}`).set(agent.auth).expect(204);
    await t.http().delete(`/api/v1/faqs/${temp}`).set(agent.auth).expect(404);
    await t.http().patch(`/api/v1/faqs/${randomUUID()}`).set(agent.auth).send({ answer: 'x' }).expect(404);
  });

  it('refuses bad input with 400 in the envelope', async () => {
    const res = await t.http().post('/api/v1/faqs').set(admin.auth).send({ question: 'hi', answer: '', category: 'NOPE', extra: 1 }).expect(400);
    expect(res.body).toMatchObject({ success: false, error: 'VALIDATION_FAILED' });
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['answer', 'category', 'extra', 'question']);
    const related = await t
      .http()
      .post('/api/v1/faqs')
      .set(admin.auth)
      .send({ ...PASSWORD_FAQ, relatedQuestionIds: [randomUUID()] })
      .expect(400);
    expect(related.body.error).toBe('INVALID_RELATED_QUESTION');
    await t.http().get('/api/v1/faqs').query({ limit: 1000 }).expect(400);
  });
});
