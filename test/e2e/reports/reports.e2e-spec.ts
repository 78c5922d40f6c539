import { randomUUID } from 'node:crypto';
import { nextEvent } from '../../support/socket.js';
import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';
import { conversationParties, createConversation } from '../chatbot/chat-helpers.js';

describe('Reports: filing and staff triage', () => {
  let t: TestApp;
  let admin: TestUser;
  let supportAgent: TestUser;
  let customer: TestUser;
  let other: TestUser;
  let conversationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, supportAgent, customer, other } = await conversationParties(t));
    conversationId = await createConversation(t, customer);
  });
  afterAll(() => t.close());

  const file = (user: TestUser, body: Record<string, unknown> = {}) =>
    t
      .http()
      .post('/api/v1/reports')
      .set(user.auth)
      .send({ conversationId, issueType: 'incorrect_information', description: 'The bot gave the wrong refund time', ...body });

  it('lets the owner report an issue and tells staff (report:new)', async () => {
    const staffSocket = await t.socket(supportAgent.token);
    const event = nextEvent<{ id: string; status: string }>(staffSocket, 'report:new');
    const res = await file(customer, { priority: 'HIGH' }).expect(201);
    expect(res.body.data).toMatchObject({ conversationId, reportedById: customer.user.id, status: 'PENDING', priority: 'HIGH', resolution: { notes: null } });
    expect(await event).toMatchObject({ id: res.body.data.id, status: 'PENDING' });
    const mine = await t.http().get('/api/v1/reports/mine').set(customer.auth).expect(200);
    expect(mine.body.data.items.map((r: { id: string }) => r.id)).toEqual([res.body.data.id]);
  });

  it("refuses reports on someone else's or a missing conversation (404) and bad input (400)", async () => {
    await file(other).expect(404);
    await file(customer, { conversationId: randomUUID() }).expect(404);
    const bad = await file(customer, { issueType: 'rude', description: '', extra: true }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['description', 'extra', 'issueType']);
  });

  it('keeps the list and triage to staff (403 otherwise)', async () => {
    await t.http().get('/api/v1/reports').set(customer.auth).expect(403);
    const report = (await file(customer).expect(201)).body.data;
    await t.http().patch(`/api/v1/reports/${report.id}`).set(customer.auth).send({ status: 'RESOLVED' }).expect(403);
    const list = await t.http().get('/api/v1/reports').query({ status: 'PENDING', conversationId }).set(supportAgent.auth).expect(200);
    expect(list.body.data.total).toBeGreaterThanOrEqual(2);
  });

  it('triages through the state machine, tells the reporter (report:update), and refuses changes after resolution (409)', async () => {
    const report = (await file(customer).expect(201)).body.data;
    const reporterSocket = await t.socket(customer.token);
    const update = nextEvent<{ status: string }>(reporterSocket, 'report:update');
    const review = await t
      .http()
      .patch(`/api/v1/reports/${report.id}`)
      .set(supportAgent.auth)
      .send({ status: 'IN_REVIEW', assignedToId: supportAgent.user.id, priority: 'URGENT' })
      .expect(200);
    expect(review.body.data).toMatchObject({ status: 'IN_REVIEW', assignedToId: supportAgent.user.id, priority: 'URGENT' });
    expect((await update).status).toBe('IN_REVIEW');
    const badAssignee = await t.http().patch(`/api/v1/reports/${report.id}`).set(admin.auth).send({ assignedToId: customer.user.id }).expect(400);
    expect(badAssignee.body.error).toBe('INVALID_ASSIGNEE');

    const resolved = await t
      .http()
      .patch(`/api/v1/reports/${report.id}`)
      .set(admin.auth)
      .send({ status: 'RESOLVED', resolutionNotes: 'FAQ corrected' })
      .expect(200);
    expect(resolved.body.data.resolution).toMatchObject({ notes: 'FAQ corrected', resolvedBy: admin.user.id, resolvedAt: expect.any(String) });
    const again = await t.http().patch(`/api/v1/reports/${report.id}`).set(admin.auth).send({ status: 'IN_REVIEW' }).expect(409);
    expect(again.body.error).toBe('INVALID_STATE');
    await t.http().patch(`/api/v1/reports/${randomUUID()}`).set(admin.auth).send({ status: 'IN_REVIEW' }).expect(404);
    await t.http().patch(`/api/v1/reports/${report.id}`).set(admin.auth).send({ status: 'CLOSED' }).expect(400);
  });

  it('lets only one of two racing decisions win', async () => {
    const report = (await file(customer).expect(201)).body.data;
    const results = await Promise.all([
      t.http().patch(`/api/v1/reports/${report.id}`).set(admin.auth).send({ status: 'RESOLVED' }),
      t.http().patch(`/api/v1/reports/${report.id}`).set(supportAgent.auth).send({ status: 'DISMISSED' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});
