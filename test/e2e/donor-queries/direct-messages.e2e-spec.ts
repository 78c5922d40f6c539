import { nextEvent } from '../../support/socket.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

describe('Direct messages between staff', () => {
  let t: TestApp;
  let ada: TestUser;
  let bo: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ DONOR_REMINDER_SCAN_MS: '0' });
    ada = await t.createUser({ role: 'ADMIN' });
    bo = await t.createUser({ role: 'ADMIN' });
  });
  afterAll(() => t.close());

  it('delivers a message live, pages the conversation and tracks read state', async () => {
    const boSocket = await t.socket(bo.token);
    const live = nextEvent<{ content: string; senderId: string }>(boSocket, 'message:direct');
    for (const content of ['one', 'two', 'three']) {
      await t.http().post('/api/v1/direct-messages').set(ada.auth).send({ recipientId: bo.user.id, content }).expect(201);
    }
    expect(await live).toMatchObject({ content: 'one', senderId: ada.user.id });
    await t.http().post('/api/v1/direct-messages').set(bo.auth).send({ recipientId: ada.user.id, content: 'four' }).expect(201);

    const latest = await t.http().get(`/api/v1/direct-messages/${ada.user.id}?limit=2`).set(bo.auth).expect(200);
    expect(latest.body.data.items.map((m: { content: string }) => m.content)).toEqual(['three', 'four']);
    const older = await t.http().get(`/api/v1/direct-messages/${ada.user.id}?limit=2&before=${latest.body.data.nextCursor}`).set(bo.auth).expect(200);
    expect(older.body.data.items.map((m: { content: string }) => m.content)).toEqual(['one', 'two']);
    expect(older.body.data.nextCursor).toBeNull();

    expect((await t.http().post(`/api/v1/direct-messages/${ada.user.id}/read`).set(bo.auth).expect(200)).body.data.updated).toBe(3);
    expect((await t.http().post(`/api/v1/direct-messages/${ada.user.id}/read`).set(bo.auth).expect(200)).body.data.updated).toBe(0);
  });

  it('keeps conversations private and refuses bad recipients, roles and input', async () => {
    const eve = await t.createUser({ role: 'ADMIN' });
    const first = await t.prisma.directMessage.findFirstOrThrow({ where: { senderId: ada.user.id } });
    const foreignCursor = await t.http().get(`/api/v1/direct-messages/${ada.user.id}?before=${first.id}`).set(eve.auth).expect(404);
    expect(foreignCursor.body.success).toBe(false);
    const eveView = await t.http().get(`/api/v1/direct-messages/${ada.user.id}`).set(eve.auth).expect(200);
    expect(eveView.body.data.items).toEqual([]);
    await t.http().get('/api/v1/direct-messages/00000000-0000-4000-8000-000000000000').set(eve.auth).expect(404);

    expect((await t.http().post('/api/v1/direct-messages').set(ada.auth).send({ recipientId: ada.user.id, content: 'me' }).expect(400)).body.error).toBe(
      'INVALID_RECIPIENT',
    );
    const agent = await t.createUser({ role: 'AGENT' });
    expect((await t.http().post('/api/v1/direct-messages').set(ada.auth).send({ recipientId: agent.user.id, content: 'hi' }).expect(400)).body.error).toBe(
      'INVALID_RECIPIENT',
    );
    await t.http().post('/api/v1/direct-messages').set(agent.auth).send({ recipientId: ada.user.id, content: 'hi' }).expect(403);
    expect((await t.http().post('/api/v1/direct-messages').set(ada.auth).send({ recipientId: 'x', content: '' }).expect(400)).body.error).toBe(
      'VALIDATION_FAILED',
    );
    await t.http().get('/api/v1/direct-messages/nope').set(ada.auth).expect(400);
  });
});
