import { emitWithAck, nextEvent, receivesWithin } from '../../support/socket.js';
import { createTestApp, type TestApp } from '../../support/test-app.js';
import { createConversation } from './chat-helpers.js';

/** What a chat client can do over the socket, it can do under the same rules as over HTTP. */
describe('Chat over the socket, on a par with HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('counts message:new and POST /messages against one per-user limit of 60 a minute', async () => {
    const customer = await t.createUser({ role: 'CUSTOMER' });
    const conversationId = await createConversation(t, customer);
    const socket = await t.socket(customer.token);
    for (let i = 0; i < 30; i += 1) {
      await t
        .http()
        .post(`/api/v1/conversations/${conversationId}/messages`)
        .set(customer.auth)
        .send({ content: `http ${i}` })
        .expect(201);
    }
    for (let i = 0; i < 30; i += 1) {
      expect(await emitWithAck(socket, 'message:new', { conversationId, content: `socket ${i}` }, 10_000)).toMatchObject({ success: true });
    }
    // The budget is spent, whichever way the next message comes.
    const refused = await emitWithAck<{ success: boolean; statusCode: number; error: string }>(socket, 'message:new', { conversationId, content: 'one more' });
    expect(refused).toMatchObject({ success: false, statusCode: 429, error: 'TOO_MANY_REQUESTS' });
    await t.http().post(`/api/v1/conversations/${conversationId}/messages`).set(customer.auth).send({ content: 'and one more' }).expect(429);
    expect(await t.prisma.message.count({ where: { conversationId, senderType: 'USER' } })).toBe(60);

    // Another user has a budget of their own.
    const other = await t.createUser({ role: 'CUSTOMER' });
    const theirs = await createConversation(t, other);
    const otherSocket = await t.socket(other.token);
    expect(await emitWithAck(otherSocket, 'message:new', { conversationId: theirs, content: 'hello' }, 10_000)).toMatchObject({ success: true });
  }, 120_000);

  it('acknowledges ai:responding and relays it to the staff watching the conversation, not back to the sender', async () => {
    const customer = await t.createUser({ role: 'CUSTOMER' });
    const support = await t.createUser({ role: 'SUPPORT_AGENT' });
    const conversationId = await createConversation(t, customer);
    const [mine, myOtherTab, staff] = [await t.socket(customer.token), await t.socket(customer.token), await t.socket(support.token)];
    for (const socket of [mine, myOtherTab, staff]) expect(await emitWithAck(socket, 'conversation:join', { conversationId })).toMatchObject({ success: true });

    const relayed = nextEvent(staff, 'ai:responding');
    const echoed = receivesWithin(myOtherTab, 'ai:responding', 500);
    expect(await emitWithAck(mine, 'ai:responding', { conversationId })).toEqual({ success: true, data: { conversationId } });
    expect(await relayed).toEqual({ conversationId, userId: customer.user.id });
    expect(await echoed).toBe(false);
  });

  it('refuses ai:responding for a conversation the socket has not joined, and a bad payload', async () => {
    const customer = await t.createUser({ role: 'CUSTOMER' });
    const conversationId = await createConversation(t, customer);
    const socket = await t.socket(customer.token);
    expect(await emitWithAck(socket, 'ai:responding', { conversationId })).toMatchObject({ success: false, statusCode: 404 });
    expect(await emitWithAck(socket, 'ai:responding', { conversationId: 'nope' })).toMatchObject({
      success: false,
      statusCode: 400,
      error: 'VALIDATION_FAILED',
    });
  });
});
