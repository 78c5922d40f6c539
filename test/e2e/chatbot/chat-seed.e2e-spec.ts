import { seedDatabase } from '../../../src/infra/database/seed/seed.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';

describe('Chat demo seed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds the demo knowledge base once, and the offline assistant answers from it', async () => {
    const options = { adminEmail: 'root@test.cx', adminPassword: 'Admin#Passw0rd!', demoData: true, bcryptRounds: 4, uploadDir: t.config.uploadDir };
    await seedDatabase(t.prisma, options);
    const first = await t.prisma.faq.count();
    await seedDatabase(t.prisma, options);
    expect(await t.prisma.faq.count()).toBe(first);
    expect(first).toBe(8);

    const customer = await t.createUser({ role: 'CUSTOMER' });
    const conversation = await t.http().post('/api/v1/conversations').set(customer.auth).send({}).expect(201);
    const res = await t
      .http()
      .post(`/api/v1/conversations/${conversation.body.data.id}/messages`)
      .set(customer.auth)
      .send({ content: 'When do I get paid for my gig?' })
      .expect(201);
    expect(res.body.data.aiMessage.metadata.source).toBe('FAQ');
  });
});
