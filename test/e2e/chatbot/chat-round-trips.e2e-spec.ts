import { countQueries } from '../../support/count-queries.js';
import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';
import { createConversation, createFaq, PASSWORD_FAQ } from './chat-helpers.js';

/**
 * The chat's hot paths talk to PostgreSQL in as few round trips as the work allows: one statement
 * per logical write, no re-select after an insert, no transaction around a single statement.
 */
describe('Round trips to PostgreSQL on the chat hot paths', () => {
  let t: TestApp;
  let customer: TestUser;
  let conversationId: string;

  const counted = (send: (headers: Record<string, string>) => Promise<{ status: number; body: { data: unknown } }>) =>
    countQueries(t.app.getHttpServer(), send);

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.createUser({ role: 'ADMIN' });
    customer = await t.createUser({ role: 'CUSTOMER' });
    await createFaq(t, admin, PASSWORD_FAQ);
    conversationId = await createConversation(t, customer);
    // The first use of a pooled connection prepares its statements; measure the steady state.
    await t.http().post(`/api/v1/conversations/${conversationId}/messages`).set(customer.auth).send({ content: 'How do I reset my password?' }).expect(201);
  });
  afterAll(() => t.close());

  it('answers a message from the FAQ in 5: session, conversation, store the question, match, store the answer', async () => {
    const { result, statements } = await counted((headers) =>
      t.http().post(`/api/v1/conversations/${conversationId}/messages`).set(customer.auth).set(headers).send({ content: 'How can I reset my password?' }),
    );
    expect(result.status).toBe(201);
    expect((result.body.data as { aiMessage: { metadata: { source: string } } }).aiMessage.metadata.source).toBe('FAQ');
    expect(statements).toHaveLength(5);
  });

  it('lists messages in 3 (session, access check, one page with its total) and conversations in 2', async () => {
    const messages = await counted((headers) => t.http().get(`/api/v1/conversations/${conversationId}/messages`).set(customer.auth).set(headers));
    expect(messages.result.status).toBe(200);
    expect(messages.statements).toHaveLength(3);
    const conversations = await counted((headers) => t.http().get('/api/v1/conversations').set(customer.auth).set(headers));
    expect(conversations.result.status).toBe(200);
    expect(conversations.statements).toHaveLength(2);
  });
});
