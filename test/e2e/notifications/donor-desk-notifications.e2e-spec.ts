import { CommunicationService } from '../../../src/modules/communication/communication.service.js';
import { QueryRemindersService } from '../../../src/modules/donor-queries/query-reminders.service.js';
import { api } from '../../support/marketplace.js';
import { expectNotified, startFcm } from '../../support/notifications.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { dailyEnv, startDaily } from '../communication/daily-stand-in.js';

/** Every notification of the donor desk, one kind per test: stored, listed, counted, pushed and emitted in the one shape. */
describe('Donor desk notifications, one per kind', () => {
  let t: TestApp;
  let fcm: Awaited<ReturnType<typeof startFcm>>;
  let daily: Awaited<ReturnType<typeof startDaily>>;
  let ada: TestUser;
  let bo: TestUser;
  let superAdmin: TestUser;
  const notified = (recipient: TestUser, type: string, trigger: () => Promise<unknown>) => expectNotified(t, fcm, recipient, type, trigger);
  const createQuery = async () => {
    const created = await t
      .http()
      .post(api('/donor-queries'))
      .send({ donor: 'Nia', donorId: 'N-1', test: 'Vision', message: 'The test stops at calibration' })
      .expect(201);
    return { id: created.body.data.query.id as string, donorToken: created.body.data.donorAccessToken as string };
  };
  const acceptedQuery = async (admin: TestUser) => {
    const query = await createQuery();
    await t
      .http()
      .patch(api(`/donor-queries/${query.id}/accept`))
      .set(admin.auth)
      .expect(200);
    return query;
  };

  beforeAll(async () => {
    fcm = await startFcm();
    daily = await startDaily();
    t = await createTestApp({
      ...fcm.env,
      ...dailyEnv(daily),
      DONOR_REMINDER_SCAN_MS: '0',
      DONOR_REMINDER_AFTER_SECONDS: '60',
      DONOR_ESCALATE_AFTER_SECONDS: '120',
    });
    ada = await t.createUser({ role: 'ADMIN', name: 'Ada' });
    bo = await t.createUser({ role: 'ADMIN', name: 'Bo' });
    superAdmin = await t.createUser({ role: 'SUPER_ADMIN' });
  });
  afterAll(async () => {
    await t.close();
    await fcm.server.close();
    await daily.close();
  });

  it('query.new: the admins hear of a new donor query', async () => {
    let queryId = '';
    const note = await notified(ada, 'query.new', async () => ({ id: queryId } = await createQuery()));
    expect(note.data).toMatchObject({ queryId });
  });

  it('query.message: the assigned admin hears the donor write', async () => {
    const query = await acceptedQuery(ada);
    const note = await notified(ada, 'query.message', () =>
      t
        .http()
        .post(api(`/donor-queries/${query.id}/messages`))
        .set('authorization', `Bearer ${query.donorToken}`)
        .send({ content: 'Still stuck' })
        .expect(201),
    );
    expect(note).toMatchObject({ body: 'Still stuck', data: { queryId: query.id } });
  });

  it('query.transferred: the receiving admin hears of the transfer', async () => {
    const query = await acceptedQuery(ada);
    const note = await notified(bo, 'query.transferred', () =>
      t
        .http()
        .patch(api(`/donor-queries/${query.id}/transfer`))
        .set(ada.auth)
        .send({ toUserId: bo.user.id, note: 'Bo knows calibration' })
        .expect(200),
    );
    expect(note.data).toMatchObject({ queryId: query.id });
  });

  it('query.reminder: the assigned admin is reminded of a donor waiting', async () => {
    const query = await acceptedQuery(ada);
    const note = await notified(ada, 'query.reminder', () =>
      t
        .http()
        .post(api(`/donor-queries/${query.id}/reminders`))
        .set(bo.auth)
        .send({ note: 'Nia waits' })
        .expect(201),
    );
    expect(note.data).toMatchObject({ queryId: query.id });
  });

  it('query.escalated: the super admins hear of a donor waiting too long', async () => {
    const query = await createQuery();
    await t.prisma.donorQuery.update({
      where: { id: query.id },
      data: { waitingSince: new Date(Date.now() - 10 * 60_000), createdAt: new Date(Date.now() - 10 * 60_000) },
    });
    const note = await notified(superAdmin, 'query.escalated', () => t.app.get(QueryRemindersService).scan());
    expect(note.data).toMatchObject({ queryId: query.id });
  });

  it('query.closed_by_donor: the assigned admin hears the donor closed the query', async () => {
    const query = await acceptedQuery(ada);
    const note = await notified(ada, 'query.closed_by_donor', () =>
      t
        .http()
        .post(api(`/donor-queries/${query.id}/donor-close`))
        .set('authorization', `Bearer ${query.donorToken}`)
        .expect(200),
    );
    expect(note.data).toMatchObject({ queryId: query.id });
  });

  it('call.requested: the handling admin hears the donor asks for a call', async () => {
    const query = await acceptedQuery(ada);
    const note = await notified(ada, 'call.requested', () =>
      t
        .http()
        .post(api(`/communication/call/${query.id}/request`))
        .set('authorization', `Bearer ${query.donorToken}`)
        .send({ mode: 'VIDEO', message: 'Can we talk?' })
        .expect(201),
    );
    expect(note).toMatchObject({ body: 'Can we talk?', data: { queryId: query.id, mode: 'VIDEO' } });
  });

  it('call.missed: the handling admin hears of a call request nobody answered', async () => {
    const query = await acceptedQuery(ada);
    const requested = await t
      .http()
      .post(api(`/communication/call/${query.id}/request`))
      .set('authorization', `Bearer ${query.donorToken}`)
      .send({ mode: 'AUDIO' })
      .expect(201);
    await t.prisma.callRequest.update({ where: { id: requested.body.data.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const note = await notified(ada, 'call.missed', () => t.app.get(CommunicationService).expireOverdue());
    expect(note.data).toEqual({ queryId: query.id, callRequestId: requested.body.data.id });
  });

  it('direct.message: a staff member hears a direct message', async () => {
    const note = await notified(bo, 'direct.message', () =>
      t.http().post(api('/direct-messages')).set(ada.auth).send({ recipientId: bo.user.id, content: 'Can you take query 42?' }).expect(201),
    );
    expect(note.body).toContain('Can you take query 42?');
  });
});
