import { jest } from '@jest/globals';
import { acceptedGig, api, backdateActivity, gigActivity, onboardAgent, openOpportunity, slotsAroundNow } from '../../support/marketplace.js';
import * as market from '../../support/marketplace-requests.js';
import { nextEvent } from '../../support/socket.js';
import { nextNotification } from '../../support/notifications.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { freshIp, signUp, STRONG_PASSWORD, uniqueEmail } from '../auth/auth-helpers.js';

// These walk many HTTP steps on a machine shared with other suites; Jest's 5 s default is too tight.
jest.setTimeout(60_000);

describe('Gig lifecycle: from onboarding to a completed, paid and reviewed gig', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser({ role: 'ADMIN' });
  });
  afterAll(() => t.close());

  /** A user who signed up through the real OTP flow (code read from the dev outbox). */
  async function signedUp(role: 'AGENT' | 'CLIENT'): Promise<TestUser> {
    const data = await signUp(t, { email: uniqueEmail(role.toLowerCase()) }, { role });
    const user = await t.prisma.user.findUniqueOrThrow({ where: { id: data.user.id } });
    return { user, token: data.token, password: STRONG_PASSWORD, auth: { Authorization: `Bearer ${data.token}` } };
  }

  const nextStepAtLogin = async (user: TestUser) =>
    (await t.http().post(api('/auth/login')).set(freshIp()).send({ email: user.user.email, password: user.password }).expect(200)).body.data.registrationStatus
      ?.nextStep;

  it('walks one agent and one client from signup through the whole flow with notifications', async () => {
    const client = await signedUp('CLIENT');
    const agent = await signedUp('AGENT');
    expect(await nextStepAtLogin(agent)).toBe('COMPLETE_PROFILE');
    const clientSocket = await t.socket(client.token);
    const agentSocket = await t.socket(agent.token);

    // Client: organisation, project, opportunity with slots, published.
    await t.http().post(api('/clients')).set(client.auth).send({ organizationName: 'Acme Retail' }).expect(201);
    const { opportunityId, slotIds } = await openOpportunity(t, client, {
      slots: [
        { startsAt: '2030-02-01T09:00:00Z', endsAt: '2030-02-01T13:00:00Z', capacity: 2 },
        { startsAt: '2030-02-01T12:00:00Z', endsAt: '2030-02-01T16:00:00Z', capacity: 2 },
        { startsAt: '2030-02-02T09:00:00Z', endsAt: '2030-02-02T13:00:00Z', capacity: 2 },
      ],
    });

    // Agent: onboarding to DASHBOARD, sees the opportunity as eligible, applies.
    await onboardAgent(t, agent, admin, { cefrLevel: 'B2', skills: ['support', 'english'] });
    expect(await nextStepAtLogin(agent)).toBe('DASHBOARD');
    const browse = await t.http().get(api('/opportunities')).set(agent.auth).expect(200);
    expect(browse.body.data.items.find((o: { id: string }) => o.id === opportunityId)).toMatchObject({ eligibility: { eligible: true } });
    const received = nextNotification(clientSocket, 'application.received');
    const applied = await market.applyTo(t, agent, opportunityId, { coverNote: 'Ready to help' }).expect(201);
    expect(applied.body.data).toMatchObject({ status: 'PENDING', opportunityId, gigId: null });
    expect(await received).toMatchObject({ data: { applicationId: applied.body.data.id } });
    const twice = await market.applyTo(t, agent, opportunityId).expect(409);
    expect(twice.body.error).toBe('ALREADY_APPLIED');

    // Client accepts: the gig exists, the agent hears about it.
    const pending = await market.get(t, client, `/applications?opportunityId=${opportunityId}&status=PENDING`).expect(200);
    expect(pending.body.data.items.map((a: { id: string }) => a.id)).toEqual([applied.body.data.id]);
    expect(pending.body.data.items[0]).toMatchObject({
      agentCefrLevel: 'B2',
      agentSkills: ['support', 'english'],
      agentExperienceMonths: 36,
      coverNote: 'Ready to help',
    });
    const decided = nextNotification(agentSocket, 'application.decided');
    const accepted = await market.decideApplication(t, client, applied.body.data.id, { decision: 'ACCEPTED' }).expect(200);
    const gigId: string = accepted.body.data.gigId;
    expect(await decided).toMatchObject({ data: { decision: 'ACCEPTED', gigId } });
    const opportunity = await market.get(t, client, `/opportunities/${opportunityId}`).expect(200);
    expect(opportunity.body.data).toMatchObject({ acceptedCount: 1, status: 'OPEN' });

    // Work slots: one picked, an overlapping one refused.
    const picked = await market.pickWorkSlots(t, agent, gigId, [slotIds[0], slotIds[2]]).expect(201);
    expect(picked.body.data.workSlots.map((w: { slotId: string }) => w.slotId)).toEqual([slotIds[0], slotIds[2]]);
    const overlap = await market.pickWorkSlots(t, agent, gigId, [slotIds[1]]).expect(409);
    expect(overlap.body.error).toBe('SLOT_OVERLAP');
    const slots = (await market.get(t, client, `/opportunities/${opportunityId}`).expect(200)).body.data.slots;
    expect(slots.map((s: { filledCount: number }) => s.filledCount)).toEqual([1, 0, 1]);

    // Activity: LOGIN only inside a picked slot; the machine refuses LOGOUT before LOGIN and BREAK_END without BREAK_START.
    expect((await gigActivity(t, agent, gigId, 'LOGIN').expect(409)).body.error).toBe('OUTSIDE_WORK_SLOT');
    await slotsAroundNow(t, gigId);
    expect((await gigActivity(t, agent, gigId, 'LOGOUT').expect(409)).body.error).toBe('INVALID_TRANSITION');
    const loggedIn = nextEvent(clientSocket, 'gig:activity');
    await gigActivity(t, agent, gigId, 'LOGIN').expect(201);
    expect(await loggedIn).toMatchObject({ gigId, activity: 'LOGIN', automatic: false });
    await gigActivity(t, agent, gigId, 'BREAK_END').expect(409);
    await gigActivity(t, agent, gigId, 'BREAK_START').expect(201);
    await gigActivity(t, agent, gigId, 'LOGIN').expect(409);
    await gigActivity(t, agent, gigId, 'BREAK_END').expect(201);
    await gigActivity(t, agent, gigId, 'LOGOUT').expect(201);
    // Two hours of work with a 15-minute break, as if the day had passed.
    await backdateActivity(t, gigId, [150, 120, 105, 15]);
    const activity = await market.get(t, client, `/gigs/${gigId}/activity`).expect(200);
    expect(activity.body.data.summary).toEqual({ state: 'OFFLINE', workedMinutes: 120, breakMinutes: 15 });

    // Submission → rework → approval.
    const submittedNote = nextNotification(clientSocket, 'submission.received');
    const submission = await market.submitWork(t, agent, gigId, 'Handled 42 chats').expect(201);
    const submissionId: string = submission.body.data.id;
    await submittedNote;
    await market
      .request(t, agent, 'post', `/submissions/${submissionId}/files`)
      .attach('file', Buffer.from('%PDF-1.4\nreport\n%%EOF\n'), 'report.pdf')
      .expect(201);
    const reworkNote = nextNotification(agentSocket, 'submission.reviewed');
    await market.reviewSubmission(t, client, submissionId, { decision: 'REWORK_NEEDED', notes: 'Add the CSAT numbers' }).expect(200);
    expect(await reworkNote).toMatchObject({ data: { decision: 'REWORK_NEEDED' } });
    const reworked = await market.reworkSubmission(t, agent, submissionId, 'Handled 42 chats, CSAT 4.8').expect(201);
    expect(reworked.body.data).toMatchObject({ status: 'REWORK_SUBMITTED', reworkRounds: 1, fileCount: 1 });
    const approved = await market.reviewSubmission(t, client, submissionId, { decision: 'APPROVED' }).expect(200);
    expect(approved.body.data).toMatchObject({ status: 'APPROVED', workedMinutes: 120, paymentId: null });
    const file = await market.get(t, client, `/submissions/${submissionId}/files/0`).expect(200);
    expect(file.headers['content-type']).toContain('application/pdf');

    // Completing needs payment first.
    expect((await market.completeGig(t, client, gigId).expect(409)).body.error).toBe('PAYMENT_PENDING');

    // Payment: 120 min × 25000/h = 50000 minor units; idempotent.
    const paidNote = nextNotification(agentSocket, 'payment.settled');
    const payment = await market.paySubmission(t, client, submissionId, 'pay-1').expect(201);
    expect(payment.body.data).toMatchObject({ amountMinor: 50000, currency: 'INR', workedMinutes: 120, rateMinor: 25000, status: 'SETTLED' });
    expect(await paidNote).toMatchObject({ data: { amountMinor: '50000', currency: 'INR' } });
    const replay = await market.paySubmission(t, client, submissionId, 'pay-1').expect(201);
    expect(replay.body.data.id).toBe(payment.body.data.id);
    expect((await market.paySubmission(t, client, submissionId, 'pay-2').expect(409)).body.error).toBe('ALREADY_PAID');
    expect(await t.prisma.payment.count({ where: { submissionId } })).toBe(1);
    const agentPayments = await t.http().get(api('/payments')).set(agent.auth).expect(200);
    expect(agentPayments.body.data).toMatchObject({ total: 1, items: [{ id: payment.body.data.id }] });

    // Double-blind reviews.
    const agentReview = await market.reviewGig(t, agent, gigId, { rating: 5, comment: 'Clear briefs' }).expect(201);
    expect(agentReview.body.data).toMatchObject({ direction: 'AGENT_TO_CLIENT', subjectId: client.user.id, publishedAt: null });
    expect((await market.get(t, client, `/gigs/${gigId}/reviews`).expect(200)).body.data).toEqual([]);
    const clientReview = await market.reviewGig(t, client, gigId, { rating: 4 }).expect(201);
    expect(clientReview.body.data.publishedAt).not.toBeNull();
    const visible = await market.get(t, client, `/gigs/${gigId}/reviews`).expect(200);
    expect(visible.body.data.map((r: { direction: string; publishedAt: string | null }) => [r.direction, r.publishedAt !== null])).toEqual([
      ['AGENT_TO_CLIENT', true],
      ['CLIENT_TO_AGENT', true],
    ]);
    expect((await market.reviewGig(t, agent, gigId, { rating: 1 }).expect(409)).body.error).toBe('ALREADY_REVIEWED');

    // Completion, then the client closes the opportunity.
    const completedNote = nextNotification(clientSocket, 'gig.completed');
    const completed = await market.completeGig(t, agent, gigId).expect(200);
    expect(completed.body.data).toMatchObject({ status: 'COMPLETED', completedAt: expect.any(String) });
    await completedNote;
    await market.completeGig(t, client, gigId).expect(409);
    await gigActivity(t, agent, gigId, 'LOGIN').expect(409);
    await market.closeOpportunity(t, client, opportunityId).expect(200);
    const gigs = await t.http().get(api('/gigs?status=COMPLETED')).set(agent.auth).expect(200);
    expect(gigs.body.data.items.map((g: { id: string }) => g.id)).toEqual([gigId]);
  });

  it('accepts until capacity, then marks the opportunity FILLED', async () => {
    const client = await t.createUser({ role: 'CLIENT' });
    const { opportunityId } = await openOpportunity(t, client, { body: { capacity: 1 } });
    const agent = await t.createUser({ role: 'AGENT' });
    await onboardAgent(t, agent, admin);
    const socket = await t.socket(agent.token);
    const decided = nextEvent<{ type: string }>(socket, 'notification:new');
    await acceptedGig(t, client, agent, opportunityId);
    expect(await decided).toMatchObject({ type: 'application.decided' });
    const opportunity = await market.get(t, client, `/opportunities/${opportunityId}`).expect(200);
    expect(opportunity.body.data).toMatchObject({ status: 'FILLED', acceptedCount: 1 });
    const late = await t.createUser({ role: 'AGENT' });
    await onboardAgent(t, late, admin);
    const refused = await market.applyTo(t, late, opportunityId).expect(409);
    expect(refused.body).toMatchObject({ error: 'NOT_ELIGIBLE', details: expect.arrayContaining([expect.objectContaining({ reason: 'NOT_OPEN' })]) });
  });
});
