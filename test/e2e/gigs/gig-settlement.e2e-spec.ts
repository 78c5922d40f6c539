import { jest } from '@jest/globals';
import { GigsSweeper } from '../../../src/modules/gigs/gigs.sweeper.js';
import { acceptedGig, clientAndOnboardedAgent, gigActivity, openOpportunity, slotsAroundNow } from '../../support/marketplace.js';
import * as market from '../../support/marketplace-requests.js';
import { nextNotification } from '../../support/notifications.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

// These walk many HTTP steps on a machine shared with other suites; Jest's 5 s default is too tight.
jest.setTimeout(60_000);

let day = 0;
/** A one-hour slot on a day of its own in the future (picked before it starts, moved to now afterwards). */
function futureSlot() {
  day += 1;
  const startsAt = new Date(Date.UTC(2033, 0, 1) + day * 86_400_000);
  return { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), capacity: 1 };
}

describe('Gig settlement: approved work with nothing to pay is settled as paid-zero and the gig completes', () => {
  let t: TestApp;
  let client: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ GIGS_AUTO_APPROVE_DAYS: '3' });
    ({ client, agent } = await clientAndOnboardedAgent(t));
  });
  afterAll(() => t.close());

  const activity = (gigId: string, type: string) => gigActivity(t, agent, gigId, type);

  /** A gig whose agent logged in and out at once (0 worked minutes) and submitted. */
  async function zeroMinuteSubmission(): Promise<{ gigId: string; submissionId: string }> {
    const { opportunityId, slotIds } = await openOpportunity(t, client, { slots: [futureSlot()] });
    const { gigId } = await acceptedGig(t, client, agent, opportunityId, slotIds);
    await slotsAroundNow(t, gigId);
    await activity(gigId, 'LOGIN').expect(201);
    await activity(gigId, 'LOGOUT').expect(201);
    const submission = await market.submitWork(t, agent, gigId, 'Logged in by mistake').expect(201);
    return { gigId, submissionId: submission.body.data.id };
  }

  it('settles at approval: a visible payment of 0, no payment request needed, and the gig completes', async () => {
    const { gigId, submissionId } = await zeroMinuteSubmission();
    const agentSocket = await t.socket(agent.token);
    const settledNote = nextNotification(agentSocket, 'payment.settled');
    const approved = await market.reviewSubmission(t, client, submissionId, { decision: 'APPROVED' }).expect(200);
    expect(approved.body.data).toMatchObject({ status: 'APPROVED', workedMinutes: 0, paymentId: expect.any(String) });

    const payments = await market.get(t, agent, `/payments?gigId=${gigId}`).expect(200);
    expect(payments.body.data.items).toEqual([
      expect.objectContaining({ id: approved.body.data.paymentId, submissionId, amountMinor: 0, workedMinutes: 0, status: 'SETTLED', automatic: false }),
    ]);
    expect(await settledNote).toMatchObject({ type: 'payment.settled', data: { amountMinor: '0' } });
    const again = await market.paySubmission(t, client, submissionId, `zero-${submissionId}`).expect(409);
    expect(again.body.error).toBe('ALREADY_PAID');

    const completed = await market.completeGig(t, client, gigId).expect(200);
    expect(completed.body.data).toMatchObject({ status: 'COMPLETED' });
  });

  it('takes the same path when unreviewed work is approved automatically', async () => {
    const { gigId, submissionId } = await zeroMinuteSubmission();
    await t.prisma.submittedWork.update({ where: { id: submissionId }, data: { submittedAt: new Date(Date.now() - 4 * 86_400_000) } });
    expect(await t.app.get(GigsSweeper).sweep()).toMatchObject({ autoApproved: 1 });
    const submission = await market.get(t, client, `/submissions/${submissionId}`).expect(200);
    expect(submission.body.data).toMatchObject({ status: 'APPROVED', autoApproved: true, workedMinutes: 0, paymentId: expect.any(String) });
    const payments = await market.get(t, client, `/payments?gigId=${gigId}`).expect(200);
    expect(payments.body.data.items).toEqual([expect.objectContaining({ amountMinor: 0, status: 'SETTLED', automatic: true })]);
    await market.completeGig(t, agent, gigId).expect(200);
  });

  it('settles approved work still unpaid with nothing to pay, through the payment route or the sweep', async () => {
    // Work approved before settlement at approval existed: APPROVED, 0 minutes, no payment.
    const viaRoute = await zeroMinuteSubmission();
    await market.reviewSubmission(t, client, viaRoute.submissionId, { decision: 'APPROVED' }).expect(200);
    await t.prisma.payment.deleteMany({ where: { submissionId: viaRoute.submissionId } });
    expect((await market.completeGig(t, client, viaRoute.gigId).expect(409)).body.error).toBe('PAYMENT_PENDING');
    const paid = await market.paySubmission(t, client, viaRoute.submissionId, `legacy-${viaRoute.submissionId}`).expect(201);
    expect(paid.body.data).toMatchObject({ amountMinor: 0, workedMinutes: 0, status: 'SETTLED', automatic: false });
    await market.completeGig(t, client, viaRoute.gigId).expect(200);

    const viaSweep = await zeroMinuteSubmission();
    await market.reviewSubmission(t, client, viaSweep.submissionId, { decision: 'APPROVED' }).expect(200);
    await t.prisma.payment.deleteMany({ where: { submissionId: viaSweep.submissionId } });
    expect(await t.app.get(GigsSweeper).sweep()).toMatchObject({ settled: 1 });
    const payments = await market.get(t, client, `/payments?gigId=${viaSweep.gigId}`).expect(200);
    expect(payments.body.data.items).toEqual([expect.objectContaining({ amountMinor: 0, status: 'SETTLED', automatic: true })]);
    await market.completeGig(t, client, viaSweep.gigId).expect(200);
  });
});
