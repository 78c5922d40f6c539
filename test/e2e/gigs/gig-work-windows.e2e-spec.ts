import { jest } from '@jest/globals';
import { GigsService } from '../../../src/modules/gigs/gigs.service.js';
import { GigsSweeper } from '../../../src/modules/gigs/gigs.sweeper.js';
import { whileTableLocked } from '../../support/held-lock.js';
import { acceptedGig, clientAndOnboardedAgent, backdateActivity, gigActivity, openOpportunity, slotsAroundNow } from '../../support/marketplace.js';
import * as market from '../../support/marketplace-requests.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

// These walk many HTTP steps on a machine shared with other suites; Jest's 5 s default is too tight.
jest.setTimeout(60_000);

const GRACE_MINUTES = 10;
const MINUTE = 60_000;

describe('Work time and the picked slot: LOGIN only inside its window, time counted only inside it', () => {
  let t: TestApp;
  let client: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ GIGS_LOGIN_GRACE_MINUTES: String(GRACE_MINUTES) });
    ({ client, agent } = await clientAndOnboardedAgent(t));
  });
  afterAll(() => t.close());

  const activity = (gigId: string, type: string) => gigActivity(t, agent, gigId, type);

  /** A gig whose agent picked one slot from `startsAt` for `hours`. */
  async function gigWithSlot(startsAt: Date, hours = 4): Promise<{ gigId: string; slotId: string }> {
    const slot = { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + hours * 3_600_000).toISOString(), capacity: 1 };
    const { opportunityId, slotIds } = await openOpportunity(t, client, { slots: [slot] });
    const { gigId } = await acceptedGig(t, client, agent, opportunityId, slotIds);
    return { gigId, slotId: slotIds[0] };
  }

  /** Moves the gig's picked slot to [now + fromMinutes, now + toMinutes). */
  async function moveSlot(gigId: string, fromMinutes: number, toMinutes: number): Promise<{ startsAt: Date; endsAt: Date }> {
    const startsAt = new Date(Date.now() + fromMinutes * MINUTE);
    const endsAt = new Date(Date.now() + toMinutes * MINUTE);
    const picked = await t.prisma.agentWorkSlot.findFirstOrThrow({ where: { gigId } });
    await t.prisma.agentWorkSlot.update({ where: { id: picked.id }, data: { startsAt, endsAt } });
    await t.prisma.clientScheduleSlot.update({ where: { id: picked.slotId }, data: { startsAt, endsAt } });
    return { startsAt, endsAt };
  }

  it('refuses LOGIN two days before the slot with a 409 that names the window', async () => {
    const startsAt = new Date(Date.now() + 2 * 86_400_000);
    const { gigId } = await gigWithSlot(startsAt);
    const endsAt = new Date(startsAt.getTime() + 4 * 3_600_000);
    const refused = await activity(gigId, 'LOGIN').expect(409);
    expect(refused.body).toMatchObject({ success: false, error: 'OUTSIDE_WORK_SLOT' });
    expect(refused.body.message).toContain(`${startsAt.toISOString()} – ${endsAt.toISOString()}`);
    expect(refused.body.message).toContain(`${GRACE_MINUTES} minutes before`);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'type', startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() })]);
    expect(await t.prisma.activityLog.count({ where: { gigId } })).toBe(0);
    expect((await market.get(t, agent, `/gigs/${gigId}`).expect(200)).body.data.workState).toBe('OFFLINE');
  });

  it('accepts LOGIN within the grace before the start, and refuses it once the slot has ended', async () => {
    const { gigId } = await gigWithSlot(new Date(Date.now() + 86_400_000));
    await moveSlot(gigId, GRACE_MINUTES - 3, 120);
    await activity(gigId, 'LOGIN').expect(201);
    await activity(gigId, 'LOGOUT').expect(201);
    const { startsAt, endsAt } = await moveSlot(gigId, -120, -1);
    const late = await activity(gigId, 'LOGIN').expect(409);
    expect(late.body.error).toBe('OUTSIDE_WORK_SLOT');
    expect(late.body.message).toContain(`${startsAt.toISOString()} – ${endsAt.toISOString()}`);
  });

  it('counts worked time only inside the window, and approval pays only that', async () => {
    const { gigId } = await gigWithSlot(new Date(Date.now() + 86_400_000));
    await moveSlot(gigId, -60, 60);
    await activity(gigId, 'LOGIN').expect(201);
    await activity(gigId, 'LOGOUT').expect(201);
    // Logged in 90 minutes ago (half an hour before the slot began, as the grace would never allow) and out 30 minutes ago.
    await backdateActivity(t, gigId, [90, 30]);
    const summary = (await market.get(t, client, `/gigs/${gigId}/activity`).expect(200)).body.data.summary;
    expect(summary).toEqual({ state: 'OFFLINE', workedMinutes: 30, breakMinutes: 0 });
    const submission = await market.submitWork(t, agent, gigId, 'Half an hour').expect(201);
    const approved = await market.reviewSubmission(t, client, submission.body.data.id, { decision: 'APPROVED' }).expect(200);
    expect(approved.body.data.workedMinutes).toBe(30);
    const paid = await market.paySubmission(t, client, submission.body.data.id, `window-${gigId}`).expect(201);
    expect(paid.body.data).toMatchObject({ workedMinutes: 30, amountMinor: 12500 });
  });

  it('logs out an agent still working (or on a break) once the window and its grace are over', async () => {
    const { gigId } = await gigWithSlot(new Date(Date.now() + 86_400_000));
    await slotsAroundNow(t, gigId);
    await activity(gigId, 'LOGIN').expect(201);
    await activity(gigId, 'BREAK_START').expect(201);
    await backdateActivity(t, gigId, [170, 50]);
    const sweeper = t.app.get(GigsSweeper);
    expect(await sweeper.sweep()).toMatchObject({ workClosed: 0 });
    // The slot ended 30 minutes ago (more than the grace): the sweep closes the session.
    await moveSlot(gigId, -180, -30);
    expect(await sweeper.sweep()).toMatchObject({ workClosed: 1 });
    const log = (await market.get(t, client, `/gigs/${gigId}/activity`).expect(200)).body.data;
    expect(log.entries.map((e: { type: string }) => e.type)).toEqual(['LOGIN', 'BREAK_START', 'BREAK_END', 'LOGOUT']);
    // Worked from 170 to 50 minutes ago, all inside the window; the break counts until the window closed.
    expect(log.summary).toEqual({ state: 'OFFLINE', workedMinutes: 120, breakMinutes: 20 });
    expect((await market.get(t, agent, `/gigs/${gigId}`).expect(200)).body.data.workState).toBe('OFFLINE');
    expect(await sweeper.sweep()).toMatchObject({ workClosed: 0 });
  });
  it('closes a session once when two sweeps race', async () => {
    const { gigId } = await gigWithSlot(new Date(Date.now() + 86_400_000));
    await slotsAroundNow(t, gigId);
    await activity(gigId, 'LOGIN').expect(201);
    await backdateActivity(t, gigId, [90]);
    const gigs = t.app.get(GigsService);
    // Sessions of earlier tests are closed first, so only this gig's is left to race for.
    await gigs.closeWorkAfterSlots();
    await moveSlot(gigId, -120, -30);
    // The first sweep locks the gig and waits to log; the second waits for the gig's row and then
    // finds the agent offline. Sweeps that read the state unlocked would both log a LOGOUT.
    const closed = await whileTableLocked(t.databaseUrl, 'gig_activity_logs', 2, () => Promise.all([gigs.closeWorkAfterSlots(), gigs.closeWorkAfterSlots()]));
    expect(closed.sort()).toEqual([0, 1]);
    const log = (await market.get(t, client, `/gigs/${gigId}/activity`).expect(200)).body.data;
    expect(log.entries.map((e: { type: string }) => e.type)).toEqual(['LOGIN', 'LOGOUT']);
    expect((await market.get(t, agent, `/gigs/${gigId}`).expect(200)).body.data.workState).toBe('OFFLINE');
  });
});
