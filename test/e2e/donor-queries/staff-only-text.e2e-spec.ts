import type { StandInServer } from '../../support/stand-in-server.js';
import { type DonorQuery, postDonorQuery } from '../../support/donor-queries.js';
import { nextEvent, nextMatching } from '../../support/socket.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { dailyEnv, startDaily } from '../communication/daily-stand-in.js';
import { recordEvents } from './socket-events.js';

/** What the donor sees of staff-only text: transfer notes, reminder notes, handover summaries, staff emails never reach them. */
describe('Staff-only text and the donor', () => {
  let t: TestApp;
  let daily: StandInServer;
  let ada: TestUser;
  let bo: TestUser;

  const newQuery = () => postDonorQuery(t, { donorId: 'D-7', message: 'The calibration fails' });
  const url = (q: DonorQuery, path = '') => `/api/v1/donor-queries/${q.id}${path}`;

  beforeAll(async () => {
    daily = await startDaily();
    t = await createTestApp({ ...dailyEnv(daily), DONOR_REMINDER_SCAN_MS: '0' });
    ada = await t.createUser({ role: 'ADMIN', name: 'Ada Admin', email: 'ada.internal@staff.cx' });
    bo = await t.createUser({ role: 'ADMIN', name: 'Bo Admin', email: 'bo.internal@staff.cx' });
  });
  afterAll(async () => {
    await t.close();
    await daily.close();
  });

  it('keeps transfer notes, reminder notes, handover summaries and staff emails out of the donor history, query view and socket', async () => {
    const staffOnly = ['Needs calibration expertise', 'Internal: the donor sounds upset', 'Internal summary', 'ada.internal@staff.cx', 'bo.internal@staff.cx'];
    const q = await newQuery();
    const donor = await t.socket(q.token);
    const donorSaw = recordEvents(donor);
    const boSocket = await t.socket(bo.token);

    await t.http().patch(url(q, '/accept')).set(ada.auth).expect(200);
    await t.http().post(url(q, '/reminders')).set(bo.auth).send({ note: 'Internal: the donor sounds upset' }).expect(201);
    const boTold = nextEvent<{ type: string; body: string }>(boSocket, 'notification:new');
    const transferred = await t
      .http()
      .patch(url(q, '/transfer'))
      .set(ada.auth)
      .send({ toUserId: bo.user.id, note: 'Needs calibration expertise', handoverSummary: 'Internal summary: the refund was refused' })
      .expect(200);
    expect(transferred.body.data).toMatchObject({ transferNote: 'Needs calibration expertise', handoverSummary: 'Internal summary: the refund was refused' });
    expect(await boTold).toMatchObject({ type: 'query.transferred', body: 'Ada Admin: Needs calibration expertise' });

    const call = (await t.http().post(`/api/v1/communication/call/${q.id}`).set(bo.auth).send({ mode: 'AUDIO' }).expect(201)).body.data;
    await t.http().post(`/api/v1/communication/call/${call.roomName}/end`).set(bo.auth).expect(200);
    await t.http().post(`/api/v1/communication/call/${q.id}/request`).set(q.auth).send({ mode: 'VIDEO' }).expect(201);
    await t.http().post(`/api/v1/communication/call/${q.id}/reject-request`).set(bo.auth).send({}).expect(200);
    await t.http().patch(url(q, '/resolve')).set(bo.auth).expect(200);
    // The donor's own message arrives after every event emitted before it.
    const sentinel = nextMatching<{ content: string }>(donor, 'query:message', (m) => m.content === 'Thanks, all good');
    await t.http().post(url(q, '/messages')).set(q.auth).send({ content: 'Thanks, all good' }).expect(201);
    await sentinel;

    const history = await t.http().get(url(q, '/messages?limit=100')).set(q.auth).expect(200);
    const view = await t.http().get(url(q)).set(q.auth).expect(200);
    expect(history.body.data.items.map((m: { content: string }) => m.content)).toContain('Ada Admin transferred the query to Bo Admin');
    expect(view.body.data).not.toHaveProperty('transferNote');
    expect(donorSaw.map((e) => e.event)).toEqual(
      expect.arrayContaining(['query:updated', 'query:message', 'call:accepted', 'call:status', 'call:request_updated']),
    );
    for (const [where, shown] of [
      ['history', history.body],
      ['query view', view.body],
      ['socket', donorSaw],
    ] as const) {
      const text = JSON.stringify(shown);
      for (const secret of staffOnly) expect({ where, leaks: text.includes(secret) ? secret : null }).toEqual({ where, leaks: null });
    }
    // Staff keep the note where staff look for it.
    const staffView = await t.http().get(url(q)).set(bo.auth).expect(200);
    expect(staffView.body.data.transferNote).toBe('Needs calibration expertise');
  });

  it('names call modes with the right article ("an audio call", "a video call")', async () => {
    const q = await newQuery();
    await t.http().patch(url(q, '/accept')).set(ada.auth).expect(200);
    const adaSocket = await t.socket(ada.token);
    const requested = nextEvent<{ type: string; title: string }>(adaSocket, 'notification:new');
    await t.http().post(`/api/v1/communication/call/${q.id}/request`).set(q.auth).send({ mode: 'AUDIO' }).expect(201);
    expect(await requested).toMatchObject({ type: 'call.requested', title: 'Dana Donor requests an audio call' });
    await t.http().post(`/api/v1/communication/call/${q.id}/reject-request`).set(ada.auth).send({}).expect(200);

    const audio = (await t.http().post(`/api/v1/communication/call/${q.id}`).set(ada.auth).send({ mode: 'AUDIO' }).expect(201)).body.data;
    await t.http().post(`/api/v1/communication/call/${audio.roomName}/end`).set(ada.auth).expect(200);
    await t.http().post(`/api/v1/communication/call/${q.id}`).set(ada.auth).send({ mode: 'VIDEO' }).expect(201);

    const history = await t.http().get(url(q, '/messages?limit=100')).set(q.auth).expect(200);
    const opened = history.body.data.items.map((m: { content: string }) => m.content).filter((c: string) => c.includes('opened'));
    expect(opened).toEqual(['Ada Admin opened an audio call', 'Ada Admin opened a video call']);
  });
});
