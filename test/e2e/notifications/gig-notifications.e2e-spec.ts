import { DomainEvents } from '../../../src/common/events/domain-events.js';
import { GigsSweeper } from '../../../src/modules/gigs/gigs.sweeper.js';
import { api, backdateActivity, completeProfile, onboardAgent, openOpportunity, slotsAroundNow, uploadKyc, verifyContact } from '../../support/marketplace.js';
import { expectNotified, startFcm } from '../../support/notifications.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

/**
 * Every notification of the gig platform, one kind per test, walking one gig from application to
 * completion: each is stored, listed, counted, pushed through FCM and emitted in the one shape.
 */
describe('Gig platform notifications, one per kind', () => {
  let t: TestApp;
  let fcm: Awaited<ReturnType<typeof startFcm>>;
  let admin: TestUser;
  let superAdmin: TestUser;
  let client: TestUser;
  let agent: TestUser;
  let opportunityId: string;
  let slotIds: string[];
  let applicationId: string;
  let gigId: string;
  let submissionId: string;
  let paymentId: string;
  let disputeId: string;
  const notified = (recipient: TestUser, type: string, trigger: () => Promise<unknown>) => expectNotified(t, fcm, recipient, type, trigger);
  const slotStart = (hoursAhead: number) => new Date(Date.UTC(2031, 0, 1, 8 + hoursAhead)).toISOString();

  beforeAll(async () => {
    fcm = await startFcm();
    t = await createTestApp({ ...fcm.env, GIGS_DISPUTE_DEADLINE_DAYS: '2', GIGS_REVIEW_WINDOW_DAYS: '7' });
    admin = await t.createUser({ role: 'ADMIN' });
    superAdmin = await t.createUser({ role: 'SUPER_ADMIN' });
    client = await t.createUser({ role: 'CLIENT' });
    agent = await t.createUser({ role: 'AGENT' });
    await onboardAgent(t, agent, admin);
    ({ opportunityId, slotIds } = await openOpportunity(t, client, { slots: [{ startsAt: slotStart(0), endsAt: slotStart(4), capacity: 1 }] }));
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await fcm.server.close();
  });

  it('application.received: the client hears of an application', async () => {
    const note = await notified(client, 'application.received', async () => {
      applicationId = (
        await t
          .http()
          .post(api(`/opportunities/${opportunityId}/applications`))
          .set(agent.auth)
          .send({})
          .expect(201)
      ).body.data.id;
    });
    expect(note.data).toEqual({ applicationId, opportunityId });
  });

  it('application.decided: the agent hears the decision, with the new gig', async () => {
    const note = await notified(agent, 'application.decided', async () => {
      gigId = (
        await t
          .http()
          .patch(api(`/applications/${applicationId}/decision`))
          .set(client.auth)
          .send({ decision: 'ACCEPTED' })
          .expect(200)
      ).body.data.gigId;
    });
    expect(note.data).toEqual({ applicationId, decision: 'ACCEPTED', gigId });
  });

  it('gig.slots_picked: the client hears which slots the agent will work', async () => {
    const note = await notified(client, 'gig.slots_picked', () =>
      t
        .http()
        .post(api(`/gigs/${gigId}/work-slots`))
        .set(agent.auth)
        .send({ slotIds })
        .expect(201),
    );
    expect(note.data).toEqual({ gigId, slotIds: slotIds.join(',') });
  });

  it('submission.received: the client hears of submitted work', async () => {
    await slotsAroundNow(t, gigId);
    for (const type of ['LOGIN', 'LOGOUT'])
      await t
        .http()
        .post(api(`/gigs/${gigId}/activity`))
        .set(agent.auth)
        .send({ type })
        .expect(201);
    await backdateActivity(t, gigId, [130, 10]);
    const note = await notified(client, 'submission.received', async () => {
      submissionId = (
        await t
          .http()
          .post(api(`/gigs/${gigId}/submissions`))
          .set(agent.auth)
          .send({ content: 'Handled 40 chats' })
          .expect(201)
      ).body.data.id;
    });
    expect(note.data).toEqual({ gigId, submissionId });
  });

  it('submission.reviewed: the agent hears the review, with the client’s notes', async () => {
    const note = await notified(agent, 'submission.reviewed', () =>
      t
        .http()
        .patch(api(`/submissions/${submissionId}/review`))
        .set(client.auth)
        .send({ decision: 'REWORK_NEEDED', notes: 'Add the CSAT numbers' })
        .expect(200),
    );
    expect(note).toMatchObject({ title: 'Rework requested', body: 'Add the CSAT numbers', data: { submissionId, decision: 'REWORK_NEEDED' } });
  });

  it('submission.reworked: the client hears of the resubmission', async () => {
    const note = await notified(client, 'submission.reworked', () =>
      t
        .http()
        .post(api(`/submissions/${submissionId}/rework`))
        .set(agent.auth)
        .send({ content: 'With CSAT 4.8' })
        .expect(201),
    );
    expect(note.data).toEqual({ submissionId });
  });

  it('payment.settled: the agent hears of the payment', async () => {
    await t
      .http()
      .patch(api(`/submissions/${submissionId}/review`))
      .set(client.auth)
      .send({ decision: 'APPROVED' })
      .expect(200);
    const note = await notified(agent, 'payment.settled', async () => {
      paymentId = (
        await t
          .http()
          .post(api(`/submissions/${submissionId}/payments`))
          .set(client.auth)
          .set('Idempotency-Key', `pay-${submissionId}`)
          .expect(201)
      ).body.data.id;
    });
    expect(note).toMatchObject({ title: 'Payment made', data: { paymentId, amountMinor: expect.any(String), currency: 'INR' } });
  });

  it('dispute.opened: the other party and the admins hear of a dispute', async () => {
    const note = await notified(client, 'dispute.opened', async () => {
      disputeId = (
        await t
          .http()
          .post(api('/disputes'))
          .set(agent.auth)
          .send({ targetType: 'PAYMENT', targetId: paymentId, reason: 'Ten minutes were not counted.' })
          .expect(201)
      ).body.data.id;
    });
    expect(note.data).toEqual({ disputeId, targetType: 'PAYMENT' });
    const forAdmin = await t.prisma.notification.findFirst({ where: { userId: admin.user.id, type: 'dispute.opened' } });
    expect(forAdmin?.data).toEqual({ disputeId, targetType: 'PAYMENT' });
  });

  it('dispute.escalated: the super admins hear of a dispute left past its deadline', async () => {
    await t.prisma.dispute.update({ where: { id: disputeId }, data: { deadlineAt: new Date(Date.now() - 1000) } });
    const note = await notified(superAdmin, 'dispute.escalated', async () => expect((await t.app.get(GigsSweeper).sweep()).escalated).toBe(1));
    expect(note.data).toEqual({ disputeId });
  });

  it('dispute.resolved: both parties hear the resolution', async () => {
    const note = await notified(agent, 'dispute.resolved', () =>
      t
        .http()
        .patch(api(`/disputes/${disputeId}`))
        .set(admin.auth)
        .send({ status: 'RESOLVED', resolution: 'The log shows the full time.' })
        .expect(200),
    );
    expect(note).toMatchObject({ title: 'Dispute resolved', body: 'The log shows the full time.', data: { disputeId, status: 'RESOLVED' } });
    expect(await t.prisma.notification.count({ where: { userId: client.user.id, type: 'dispute.resolved' } })).toBe(1);
  });

  it('gig.reviewed: the other party hears of a review', async () => {
    const note = await notified(client, 'gig.reviewed', () =>
      t
        .http()
        .post(api(`/gigs/${gigId}/reviews`))
        .set(agent.auth)
        .send({ rating: 5 })
        .expect(201),
    );
    expect(note.data).toEqual({ gigId, published: 'false' });
  });

  it('gig.completed: the other party hears the gig was completed', async () => {
    const note = await notified(client, 'gig.completed', () =>
      t
        .http()
        .post(api(`/gigs/${gigId}/complete`))
        .set(agent.auth)
        .expect(200),
    );
    expect(note.data).toEqual({ gigId });
  });

  describe('onboarding', () => {
    let newcomer: TestUser;
    let agentId: string;

    beforeAll(async () => {
      newcomer = await t.createUser({ role: 'AGENT' });
      await verifyContact(t, newcomer);
      await completeProfile(t, newcomer);
      await uploadKyc(t, newcomer);
    });

    it('agent.kyc_submitted: the admins hear of KYC to review', async () => {
      const note = await notified(admin, 'agent.kyc_submitted', async () => {
        agentId = (await t.http().post(api('/agents/me/kyc/submit')).set(newcomer.auth).expect(200)).body.data.id;
      });
      expect(note.data).toEqual({ agentId, userId: newcomer.user.id });
    });

    it('agent.kyc_decided: the agent hears the KYC decision', async () => {
      const note = await notified(newcomer, 'agent.kyc_decided', () =>
        t
          .http()
          .patch(api(`/agents/${agentId}/kyc`))
          .set(admin.auth)
          .send({ decision: 'APPROVED' })
          .expect(200),
      );
      expect(note).toMatchObject({ title: 'KYC approved', data: { decision: 'APPROVED' } });
    });

    it('agent.assessment_recorded: the agent hears the result staff recorded', async () => {
      const note = await notified(newcomer, 'agent.assessment_recorded', () =>
        t
          .http()
          .put(api(`/agents/${agentId}/assessment`))
          .set(admin.auth)
          .send({ status: 'PASSED', cefrLevel: 'B2', score: 72 })
          .expect(200),
      );
      expect(note.data).toEqual({ status: 'PASSED', cefrLevel: 'B2' });
    });

    it('agent.assessment_scored: the agent hears the result of the proctored assessment', async () => {
      const note = await notified(newcomer, 'agent.assessment_scored', () =>
        t.app.get(DomainEvents).emit('assessment.completed', {
          userId: newcomer.user.id,
          candidateAssessmentId: '00000000-0000-4000-8000-000000000001',
          status: 'PASSED',
          cefrLevel: 'C1',
          score: 84,
        }),
      );
      expect(note.data).toEqual({ status: 'PASSED', cefrLevel: 'C1', score: '84', candidateAssessmentId: '00000000-0000-4000-8000-000000000001' });
    });
  });

  it('custom_question.answered: the asker hears the staff answer', async () => {
    const customer = await t.createUser({ role: 'CUSTOMER' });
    const asked = await t.http().post(api('/chatbot/custom-questions')).set(customer.auth).send({ question: 'Can I change my billing date?' }).expect(201);
    const note = await notified(customer, 'custom_question.answered', () =>
      t
        .http()
        .patch(api(`/chatbot/custom-questions/${asked.body.data.id}`))
        .set(admin.auth)
        .send({ status: 'ANSWERED', answer: 'Yes, under Billing › Schedule.' })
        .expect(200),
    );
    expect(note).toMatchObject({ body: 'Yes, under Billing › Schedule.', data: { customQuestionId: asked.body.data.id } });
  });
});
