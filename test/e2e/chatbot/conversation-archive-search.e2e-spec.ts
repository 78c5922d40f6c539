import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';
import { conversationParties, createConversation } from './chat-helpers.js';

const ids = (res: { body: { data: { items: Array<{ id: string }> } } }) => res.body.data.items.map((item) => item.id);

describe('Conversations: the owner deletes (archives) and searches them', () => {
  let t: TestApp;
  let admin: TestUser;
  let supportAgent: TestUser;
  let customer: TestUser;
  let other: TestUser;

  const say = (user: TestUser, conversationId: string, content: string) =>
    t.http().post(`/api/v1/conversations/${conversationId}/messages`).set(user.auth).send({ content }).expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, supportAgent, customer, other } = await conversationParties(t));
  });
  afterAll(() => t.close());

  describe('DELETE /conversations/:id', () => {
    it("archives the owner's conversation: gone from the owner's list and reads, kept for staff and analytics", async () => {
      const kept = await createConversation(t, customer, 'Keep me');
      const gone = await createConversation(t, customer, 'Delete me');
      await say(customer, gone, 'Where is my parcel?');
      const analytics = async () => {
        const { range: _range, ...figures } = (await t.http().get('/api/v1/analytics/chatbot').set(admin.auth).expect(200)).body.data;
        return figures as Record<string, unknown>;
      };
      const before = await analytics();
      expect(before).toMatchObject({ messagesPerConversation: 2 });

      await t.http().delete(`/api/v1/conversations/${gone}`).set(customer.auth).expect(204);

      expect(ids(await t.http().get('/api/v1/conversations').set(customer.auth).expect(200))).toEqual([kept]);
      await t.http().get(`/api/v1/conversations/${gone}`).set(customer.auth).expect(404);
      await t.http().get(`/api/v1/conversations/${gone}/messages`).set(customer.auth).expect(404);
      await t.http().post(`/api/v1/conversations/${gone}/messages`).set(customer.auth).send({ content: 'hello?' }).expect(404);
      await t.http().patch(`/api/v1/conversations/${gone}`).set(customer.auth).send({ title: 'back' }).expect(404);
      await t.http().delete(`/api/v1/conversations/${gone}`).set(customer.auth).expect(404);

      const staffList = await t.http().get('/api/v1/conversations').query({ userId: customer.user.id }).set(supportAgent.auth).expect(200);
      expect(ids(staffList).sort()).toEqual([kept, gone].sort());
      const archived = staffList.body.data.items.find((item: { id: string }) => item.id === gone);
      expect(archived.archivedAt).toEqual(expect.any(String));
      const staffRead = await t.http().get(`/api/v1/conversations/${gone}`).set(supportAgent.auth).expect(200);
      expect(staffRead.body.data).toMatchObject({ id: gone, title: 'Delete me', metadata: { userMessages: 1 } });
      await t.http().get(`/api/v1/conversations/${gone}/messages`).set(supportAgent.auth).expect(200);
      const onlyArchived = await t.http().get('/api/v1/conversations').query({ userId: customer.user.id, archived: true }).set(admin.auth).expect(200);
      expect(ids(onlyArchived)).toEqual([gone]);

      expect(await analytics()).toEqual(before);
    });

    it("answers 404 for another user's conversation and a missing one, 403 for staff, 400 for a bad id", async () => {
      const theirs = await createConversation(t, other, 'Theirs');
      await t.http().delete(`/api/v1/conversations/${theirs}`).set(customer.auth).expect(404);
      await t.http().delete(`/api/v1/conversations/${randomUUID()}`).set(customer.auth).expect(404);
      const refused = await t.http().delete(`/api/v1/conversations/${theirs}`).set(supportAgent.auth).expect(403);
      expect(refused.body).toMatchObject({ success: false, statusCode: 403 });
      await t.http().delete(`/api/v1/conversations/${theirs}`).set(admin.auth).expect(403);
      await t.http().delete(`/api/v1/conversations/${theirs}`).expect(401);
      await t.http().delete('/api/v1/conversations/nope').set(customer.auth).expect(400);
      expect(ids(await t.http().get('/api/v1/conversations').set(other.auth).expect(200))).toEqual([theirs]);
    });
  });

  describe('GET /conversations?search=', () => {
    it('finds conversations by words of their title or their messages, own only for customers, all for staff', async () => {
      const searcher = await t.createUser({ role: 'CUSTOMER' });
      const byTitle = await createConversation(t, searcher, 'Invoices for March');
      const byMessage = await createConversation(t, searcher, 'Help');
      await say(searcher, byMessage, 'My invoice shows the wrong VAT number');
      const unrelated = await createConversation(t, searcher, 'Shipping');
      await say(searcher, unrelated, 'Where is my parcel?');
      const foreign = await createConversation(t, other, 'Invoice copy');

      const own = await t.http().get('/api/v1/conversations').query({ search: 'invoice' }).set(searcher.auth).expect(200);
      expect(ids(own).sort()).toEqual([byTitle, byMessage].sort());
      expect(own.body.data.total).toBe(2);
      // Search-box semantics: every word must match (stemmed), in the title or any message.
      expect(ids(await t.http().get('/api/v1/conversations').query({ search: 'wrong VAT' }).set(searcher.auth).expect(200))).toEqual([byMessage]);
      expect(ids(await t.http().get('/api/v1/conversations').query({ search: 'invoice parcel' }).set(searcher.auth).expect(200))).toEqual([]);
      expect(ids(await t.http().get('/api/v1/conversations').query({ search: 'invoice', page: 2, limit: 1 }).set(searcher.auth).expect(200))).toHaveLength(1);

      const staff = await t.http().get('/api/v1/conversations').query({ search: 'invoice', limit: 100 }).set(supportAgent.auth).expect(200);
      expect(ids(staff)).toEqual(expect.arrayContaining([byTitle, byMessage, foreign]));
      expect(ids(staff)).not.toContain(unrelated);

      // Archived conversations drop out of the owner's search too.
      await t.http().delete(`/api/v1/conversations/${byTitle}`).set(searcher.auth).expect(204);
      expect(ids(await t.http().get('/api/v1/conversations').query({ search: 'invoice' }).set(searcher.auth).expect(200))).toEqual([byMessage]);
    });

    it('ignores flagged messages; an empty search lists all, an oversized one is 400', async () => {
      const searcher = await t.createUser({ role: 'CUSTOMER' });
      const conversation = await createConversation(t, searcher, 'Hello');
      await t.http().post(`/api/v1/conversations/${conversation}/messages`).set(searcher.auth).send({ content: 'you are a f*cking idiot' }).expect(400);
      expect(ids(await t.http().get('/api/v1/conversations').query({ search: 'idiot' }).set(searcher.auth).expect(200))).toEqual([]);
      // Only stop words: nothing to look for, so nothing matches.
      expect(ids(await t.http().get('/api/v1/conversations').query({ search: 'the' }).set(searcher.auth).expect(200))).toEqual([]);
      expect(ids(await t.http().get('/api/v1/conversations').query({ search: ' ' }).set(searcher.auth).expect(200))).toEqual([conversation]);
      await t
        .http()
        .get('/api/v1/conversations')
        .query({ search: 'x'.repeat(201) })
        .set(searcher.auth)
        .expect(400);
    });
  });
});
