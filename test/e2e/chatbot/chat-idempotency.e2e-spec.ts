import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';
import { createConversation, createFaq, PASSWORD_FAQ } from './chat-helpers.js';

/** A retried POST of a chat message with the same Idempotency-Key answers the first result and writes nothing twice. */
describe('Chat messages with an Idempotency-Key', () => {
  let t: TestApp;
  let customer: TestUser;
  let other: TestUser;
  let staff: TestUser;

  const post = (user: TestUser, conversationId: string, content: string, key?: string) => {
    const request = t.http().post(`/api/v1/conversations/${conversationId}/messages`).set(user.auth);
    return (key === undefined ? request : request.set('Idempotency-Key', key)).send({ content });
  };
  const rows = (conversationId: string) =>
    t.prisma.message.findMany({ where: { conversationId }, orderBy: { createdAt: 'asc' }, select: { id: true, senderType: true, flagged: true } });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.createUser({ role: 'ADMIN' });
    customer = await t.createUser({ role: 'CUSTOMER' });
    other = await t.createUser({ role: 'CUSTOMER' });
    staff = await t.createUser({ role: 'SUPPORT_AGENT' });
    await createFaq(t, admin, PASSWORD_FAQ);
  });
  afterAll(() => t.close());

  it('returns the stored question and its answer for a retry, with one row each and the counters moved once', async () => {
    const id = await createConversation(t, customer);
    const key = randomUUID();
    const first = await post(customer, id, 'How can I reset my password?', key).expect(201);
    const retry = await post(customer, id, 'How can I reset my password?', key).expect(201);
    expect(first.body.data.aiMessage).toMatchObject({ senderType: 'AI', metadata: { source: 'FAQ' } });
    expect(retry.body).toEqual(first.body);
    expect(await rows(id)).toEqual([
      { id: first.body.data.userMessage.id, senderType: 'USER', flagged: false },
      { id: first.body.data.aiMessage.id, senderType: 'AI', flagged: false },
    ]);
    const conversation = await t.http().get(`/api/v1/conversations/${id}`).set(customer.auth).expect(200);
    expect(conversation.body.data.metadata).toMatchObject({ totalMessages: 2, userMessages: 1, aiMessages: 1 });
  });

  it('answers two racing first requests with the same key with one question and one answer', async () => {
    const id = await createConversation(t, customer);
    const key = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => post(customer, id, 'How do I reset my password?', key)));
    // A request that finds its twin still answering is told to retry (409); every 201 carries the same ids.
    for (const result of results) expect([201, 409]).toContain(result.status);
    const answered = results.filter((result) => result.status === 201);
    expect(answered.length).toBeGreaterThan(0);
    const stored = await rows(id);
    expect(stored.map((row) => row.senderType)).toEqual(['USER', 'AI']);
    for (const result of answered) {
      expect(result.body.data.userMessage.id).toBe(stored[0].id);
      expect(result.body.data.aiMessage.id).toBe(stored[1].id);
    }
    for (const refused of results.filter((result) => result.status === 409)) expect(refused.body.error).toBe('IDEMPOTENCY_KEY_IN_USE');
    const retry = await post(customer, id, 'How do I reset my password?', key).expect(201);
    expect(retry.body.data.aiMessage.id).toBe(stored[1].id);
  });

  it('scopes keys to the caller and refuses a key reused for another message (422)', async () => {
    const mine = await createConversation(t, customer);
    const theirs = await createConversation(t, other);
    const key = randomUUID();
    const a = await post(customer, mine, 'How can I reset my password?', key).expect(201);
    const b = await post(other, theirs, 'How can I reset my password?', key).expect(201);
    expect(b.body.data.userMessage.id).not.toBe(a.body.data.userMessage.id);
    const reused = await post(customer, mine, 'Something else entirely', key).expect(422);
    expect(reused.body).toMatchObject({ success: false, error: 'IDEMPOTENCY_KEY_REUSED' });
    const elsewhere = await createConversation(t, customer);
    await post(customer, elsewhere, 'How can I reset my password?', key).expect(422);
    expect(await rows(elsewhere)).toEqual([]);
    expect(await rows(mine)).toHaveLength(2);
  });

  it('refuses a retried flagged message the same way, storing it once', async () => {
    const id = await createConversation(t, customer);
    const key = randomUUID();
    const first = await post(customer, id, 'you are a f*cking idiot', key).expect(400);
    const retry = await post(customer, id, 'you are a f*cking idiot', key).expect(400);
    expect(first.body).toMatchObject({ error: 'CONTENT_FLAGGED' });
    const withoutRequestId = ({ requestId, ...rest }: { requestId: string }) => (expect(requestId).toEqual(expect.any(String)), rest);
    expect(withoutRequestId(retry.body)).toEqual(withoutRequestId(first.body));
    expect(await rows(id)).toEqual([expect.objectContaining({ senderType: 'USER', flagged: true })]);
  });

  it('replays a staff reply (no bot answer) once', async () => {
    const id = await createConversation(t, customer);
    const key = randomUUID();
    const first = await post(staff, id, 'Hi, I am Sam from support.', key).expect(201);
    const retry = await post(staff, id, 'Hi, I am Sam from support.', key).expect(201);
    expect(first.body.data).toMatchObject({ userMessage: { senderType: 'AGENT' }, aiMessage: null });
    expect(retry.body).toEqual(first.body);
    expect(await rows(id)).toHaveLength(1);
  });

  it('refuses a malformed key with 400 and documents the header', async () => {
    const id = await createConversation(t, customer);
    const bad = await post(customer, id, 'hello', 'x'.repeat(201)).expect(400);
    expect(bad.body.error).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(await rows(id)).toEqual([]);
    const docs = await t.http().get('/docs-json').expect(200);
    const parameters = docs.body.paths['/api/v1/conversations/{id}/messages'].post.parameters as { name: string; in: string }[];
    expect(parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }));
  });

  it('still writes a new message for every request without a key', async () => {
    const id = await createConversation(t, customer);
    await post(customer, id, 'How can I reset my password?').expect(201);
    await post(customer, id, 'How can I reset my password?').expect(201);
    expect(await rows(id)).toHaveLength(4);
  });
});
