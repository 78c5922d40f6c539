import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { GigsSweeper } from '../../../src/modules/gigs/gigs.sweeper.js';
import { acceptedGig, api, backdateActivity, EXE, gigActivity, onboardAgent, openOpportunity, slotsAroundNow } from '../../support/marketplace.js';
import { whileTableLocked } from '../../support/held-lock.js';
import * as market from '../../support/marketplace-requests.js';
import { nextEvent } from '../../support/socket.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

// These walk many HTTP steps on a machine shared with other suites; Jest's 5 s default is too tight.
jest.setTimeout(60_000);

let slotHour = 0;
/** Distinct one-hour slots far in the future, so one agent's slots across tests never overlap. */
function nextSlotStart(offsetHours = 0): string {
  if (offsetHours === 0) slotHour += 2;
  return new Date(Date.UTC(2032, 0, 1) + (slotHour + offsetHours) * 3_600_000).toISOString();
}

describe('Gig marketplace rules: races, ownership, roles and bad input', () => {
  let t: TestApp;
  let admin: TestUser;
  let superAdmin: TestUser;
  let support: TestUser;
  let client: TestUser;
  let otherClient: TestUser;
  let agentA: TestUser;
  let agentB: TestUser;
  let newcomer: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ GIGS_MAX_REWORK_ROUNDS: '1', GIGS_AUTO_APPROVE_DAYS: '3', GIGS_DISPUTE_DEADLINE_DAYS: '2', GIGS_REVIEW_WINDOW_DAYS: '7' });
    admin = await t.createUser({ role: 'ADMIN' });
    superAdmin = await t.createUser({ role: 'SUPER_ADMIN' });
    support = await t.createUser({ role: 'SUPPORT_AGENT' });
    client = await t.createUser({ role: 'CLIENT' });
    otherClient = await t.createUser({ role: 'CLIENT' });
    agentA = await t.createUser({ role: 'AGENT' });
    agentB = await t.createUser({ role: 'AGENT' });
    newcomer = await t.createUser({ role: 'AGENT' });
    await onboardAgent(t, agentA, admin);
    await onboardAgent(t, agentB, admin);
  });
  afterAll(() => t.close());

  /** A gig of agentA with two hours of closed work, approved and ready to pay. */
  async function approvedSubmission(): Promise<{ gigId: string; submissionId: string }> {
    const { opportunityId, slotIds } = await openOpportunity(t, client, { slots: [{ startsAt: nextSlotStart(), endsAt: nextSlotStart(1), capacity: 1 }] });
    const { gigId } = await acceptedGig(t, client, agentA, opportunityId, slotIds);
    await slotsAroundNow(t, gigId);
    for (const type of ['LOGIN', 'LOGOUT']) await gigActivity(t, agentA, gigId, type).expect(201);
    await backdateActivity(t, gigId, [130, 10]);
    const submission = await market.submitWork(t, agentA, gigId, 'Done').expect(201);
    await market.reviewSubmission(t, client, submission.body.data.id, { decision: 'APPROVED' }).expect(200);
    return { gigId, submissionId: submission.body.data.id };
  }

  describe('applications', () => {
    it('never accepts beyond capacity when two accepts race', async () => {
      const { opportunityId } = await openOpportunity(t, client, { body: { capacity: 1 } });
      const a = await market.applyTo(t, agentA, opportunityId).expect(201);
      const b = await market.applyTo(t, agentB, opportunityId).expect(201);
      const results = await Promise.all([a, b].map((app) => market.decideApplication(t, client, app.body.data.id, { decision: 'ACCEPTED' })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)?.body.error).toBe('CAPACITY_REACHED');
      expect(await t.prisma.selectedGig.count({ where: { opportunityId } })).toBe(1);
      expect(await t.prisma.opportunity.findUniqueOrThrow({ where: { id: opportunityId } })).toMatchObject({ acceptedCount: 1, status: 'FILLED' });
      expect(await t.prisma.gigApplication.count({ where: { opportunityId, status: 'PENDING' } })).toBe(1);
    });

    it('decides an application once, even when two decisions race', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const app = await market.applyTo(t, agentA, opportunityId).expect(201);
      const url = api(`/applications/${app.body.data.id}/decision`);
      const results = await Promise.all([
        t.http().patch(url).set(client.auth).send({ decision: 'ACCEPTED' }),
        t.http().patch(url).set(client.auth).send({ decision: 'REJECTED', reason: 'Changed my mind' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200);
      const gigs = await t.prisma.selectedGig.count({ where: { applicationId: app.body.data.id } });
      expect(gigs).toBe(winner?.body.data.status === 'ACCEPTED' ? 1 : 0);
      expect(await t.prisma.gigApplication.findUniqueOrThrow({ where: { id: app.body.data.id } })).toMatchObject({ status: winner?.body.data.status });
    });

    it('refuses applying to a closed, a foreign draft or an ineligible opportunity', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      await market.closeOpportunity(t, client, opportunityId).expect(200);
      const closed = await market.applyTo(t, agentA, opportunityId).expect(409);
      expect(closed.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'NOT_OPEN' })]));

      const project = await t.http().post(api('/projects')).set(otherClient.auth).send({ name: 'Draft only' }).expect(201);
      const draft = await market
        .request(t, otherClient, 'post', `/projects/${project.body.data.id}/opportunities`)
        .send({ title: 'Secret draft', rateMinor: 100, currency: 'INR', capacity: 1 })
        .expect(201);
      await market.applyTo(t, agentA, draft.body.data.id).expect(404);
      await market.applyTo(t, agentA, randomUUID()).expect(404);

      const { opportunityId: demanding } = await openOpportunity(t, client, { body: { minCefrLevel: 'C2', requiredSkills: ['support', 'german'] } });
      const ineligible = await market.applyTo(t, agentA, demanding).expect(409);
      expect(ineligible.body).toMatchObject({ success: false, error: 'NOT_ELIGIBLE' });
      expect(ineligible.body.details.map((d: { reason?: string }) => d.reason).filter(Boolean)).toEqual(['CEFR_TOO_LOW', 'MISSING_SKILLS']);
      const notOnboarded = await market.applyTo(t, newcomer, opportunityId).expect(409);
      expect(notOnboarded.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'ONBOARDING_INCOMPLETE' })]));
      await market.applyTo(t, agentA, demanding, { coverNote: 5, extra: true }).expect(400);
    });

    it('turns down pending applications when the opportunity closes, and tells the agent', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const app = await market.applyTo(t, agentB, opportunityId).expect(201);
      const socket = await t.socket(agentB.token);
      const told = nextEvent<{ type: string; data: Record<string, string> }>(socket, 'notification:new');
      await market.closeOpportunity(t, client, opportunityId).expect(200);
      expect(await told).toMatchObject({ type: 'application.decided', data: { decision: 'REJECTED', applicationId: app.body.data.id } });
      const after = await market.get(t, agentB, `/applications/${app.body.data.id}`).expect(200);
      expect(after.body.data).toMatchObject({ status: 'REJECTED', decisionReason: 'The opportunity was closed' });
    });

    it('keeps applications to their agent and the owning client', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const app = await market.applyTo(t, agentA, opportunityId).expect(201);
      const id = app.body.data.id;
      await market.decideApplication(t, otherClient, id, { decision: 'ACCEPTED' }).expect(404);
      await market.decideApplication(t, client, randomUUID(), { decision: 'ACCEPTED' }).expect(404);
      await market.decideApplication(t, agentA, id, { decision: 'ACCEPTED' }).expect(403);
      await market.decideApplication(t, admin, id, { decision: 'ACCEPTED' }).expect(403);
      await market.decideApplication(t, client, id, { decision: 'MAYBE' }).expect(400);
      await market.applyTo(t, client, opportunityId).expect(403);
      await market.get(t, agentB, `/applications/${id}`).expect(404);
      await market.get(t, otherClient, `/applications/${id}`).expect(404);
      await market.get(t, client, `/applications/${id}`).expect(200);
      await market.get(t, support, `/applications/${id}`).expect(200);
      const others = await t.http().get(api('/applications?limit=100')).set(agentB.auth).expect(200);
      expect(others.body.data.items.map((a: { id: string }) => a.id)).not.toContain(id);
    });
  });

  describe('work slots and activity', () => {
    it('gives the last seat of a slot to one of two racing agents', async () => {
      const { opportunityId, slotIds } = await openOpportunity(t, client, {
        slots: [{ startsAt: '2031-03-01T09:00:00Z', endsAt: '2031-03-01T10:00:00Z', capacity: 1 }],
      });
      const gigA = await acceptedGig(t, client, agentA, opportunityId);
      const gigB = await acceptedGig(t, client, agentB, opportunityId);
      const results = await Promise.all([market.pickWorkSlots(t, agentA, gigA.gigId, slotIds), market.pickWorkSlots(t, agentB, gigB.gigId, slotIds)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)?.body.error).toBe('SLOT_FULL');
      expect(await t.prisma.clientScheduleSlot.findUniqueOrThrow({ where: { id: slotIds[0] } })).toMatchObject({ filledCount: 1 });
    });

    it('never books one agent into overlapping slots, even across gigs and racing requests', async () => {
      const first = await openOpportunity(t, client, { slots: [{ startsAt: '2031-04-01T09:00:00Z', endsAt: '2031-04-01T12:00:00Z', capacity: 5 }] });
      const second = await openOpportunity(t, client, { slots: [{ startsAt: '2031-04-01T11:00:00Z', endsAt: '2031-04-01T14:00:00Z', capacity: 5 }] });
      const g1 = await acceptedGig(t, client, agentB, first.opportunityId);
      const g2 = await acceptedGig(t, client, agentB, second.opportunityId);
      const results = await Promise.all([market.pickWorkSlots(t, agentB, g1.gigId, first.slotIds), market.pickWorkSlots(t, agentB, g2.gigId, second.slotIds)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(results.find((r) => r.status === 409)?.body.error).toBe('SLOT_OVERLAP');
      // Picking the same slot again, a slot of another opportunity, or bad ids is refused.
      const winner = results[0].status === 201 ? { gig: g1, slots: first.slotIds } : { gig: g2, slots: second.slotIds };
      await market.pickWorkSlots(t, agentB, winner.gig.gigId, winner.slots).expect(409);
      const foreign = winner.gig === g1 ? second.slotIds : first.slotIds;
      await market.pickWorkSlots(t, agentB, winner.gig.gigId, foreign).expect(404);
      await market.pickWorkSlots(t, agentB, winner.gig.gigId, ['nope']).expect(400);
      await market.pickWorkSlots(t, agentB, winner.gig.gigId, []).expect(400);
      await market.pickWorkSlots(t, agentA, winner.gig.gigId, winner.slots).expect(404);
    });

    it('lets one of two racing LOGINs win and validates the activity type', async () => {
      const { opportunityId, slotIds } = await openOpportunity(t, client, { slots: [{ startsAt: nextSlotStart(), endsAt: nextSlotStart(1), capacity: 1 }] });
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId);
      expect((await gigActivity(t, agentA, gigId, 'LOGIN').expect(409)).body.error).toBe('NO_WORK_SLOTS');
      await market.pickWorkSlots(t, agentA, gigId, slotIds).expect(201);
      await slotsAroundNow(t, gigId);
      const results = await Promise.all([0, 1].map(() => gigActivity(t, agentA, gigId, 'LOGIN')));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await t.prisma.activityLog.count({ where: { gigId } })).toBe(1);
      await gigActivity(t, agentA, gigId, 'NAP').expect(400);
      await gigActivity(t, agentB, gigId, 'LOGOUT').expect(404);
      await gigActivity(t, client, gigId, 'LOGOUT').expect(403);
      expect((await market.completeGig(t, client, gigId).expect(409)).body.error).toBe('AGENT_LOGGED_IN');
    });

    it('refuses slots that have started, and adding slots in the past', async () => {
      const { opportunityId, slotIds } = await openOpportunity(t, client, {
        slots: [{ startsAt: '2031-05-01T09:00:00Z', endsAt: '2031-05-01T10:00:00Z', capacity: 3 }],
      });
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId);
      await t.prisma.clientScheduleSlot.update({ where: { id: slotIds[0] }, data: { startsAt: new Date(Date.now() - 60_000) } });
      expect((await market.pickWorkSlots(t, agentA, gigId, slotIds).expect(409)).body.error).toBe('SLOT_STARTED');
      const past = await market
        .addSlot(t, client, opportunityId, { startsAt: '2020-01-01T09:00:00Z', endsAt: '2020-01-01T10:00:00Z', capacity: 1 })
        .expect(400);
      expect(past.body.details).toEqual([expect.objectContaining({ field: 'startsAt' })]);
    });

    it('hides gigs from non-parties', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId);
      for (const path of [`/gigs/${gigId}`, `/gigs/${gigId}/activity`, `/gigs/${gigId}/submissions`, `/gigs/${gigId}/reviews`]) {
        await t.http().get(api(path)).set(agentB.auth).expect(404);
        await t.http().get(api(path)).set(otherClient.auth).expect(404);
        await t.http().get(api(path)).set(client.auth).expect(200);
        await t.http().get(api(path)).set(support.auth).expect(200);
      }
      await market.get(t, agentA, `/gigs/${randomUUID()}`).expect(404);
      await market.submitWork(t, agentB, gigId, 'Not mine').expect(404);
      await market.submitWork(t, client, gigId, 'Wrong role').expect(403);
      await market.submitWork(t, agentA, gigId, '').expect(400);
      await market.completeGig(t, otherClient, gigId).expect(404);
      await market.completeGig(t, admin, gigId).expect(403);
      await market
        .get(t, newcomer, '/gigs')
        .expect(200)
        .expect((res) => expect(res.body.data.total).toBe(0));
    });
  });

  describe('submissions', () => {
    it('caps rework rounds and refuses reviewing twice or out of order', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId);
      const s = (await market.submitWork(t, agentA, gigId, 'v1').expect(201)).body.data.id;
      expect((await market.submitWork(t, agentA, gigId, 'v1 again').expect(409)).body.error).toBe('SUBMISSION_OPEN');
      await market.reworkSubmission(t, agentA, s, 'early').expect(409);
      await market.reviewSubmission(t, otherClient, s, { decision: 'APPROVED' }).expect(404);
      await market.reviewSubmission(t, client, randomUUID(), { decision: 'APPROVED' }).expect(404);
      await market.reviewSubmission(t, agentA, s, { decision: 'APPROVED' }).expect(403);
      await market.reviewSubmission(t, client, s, { decision: 'GREAT' }).expect(400);
      await market.reviewSubmission(t, client, s, { decision: 'REWORK_NEEDED' }).expect(200);
      await market.reworkSubmission(t, agentB, s, 'v2').expect(404);
      await market.reworkSubmission(t, agentA, s, 'v2').expect(201);
      const capped = await market.reviewSubmission(t, client, s, { decision: 'REWORK_NEEDED' }).expect(409);
      expect(capped.body.error).toBe('REWORK_LIMIT');
      const results = await Promise.all([
        market.reviewSubmission(t, client, s, { decision: 'REJECTED' }),
        market.reviewSubmission(t, client, s, { decision: 'APPROVED' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      await market.request(t, agentA, 'post', `/submissions/${s}/files`).attach('file', EXE, 'notes.jpg').expect(409);
    });

    it('lets one of two racing attachments take the last file place', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId);
      const s = (await market.submitWork(t, agentA, gigId, 'Nearly full').expect(201)).body.data.id;
      await t.prisma.submittedWork.update({ where: { id: s }, data: { fileKeys: Array.from({ length: 9 }, (_, i) => `deliverables/earlier-${i}.pdf`) } });
      const pdf = Buffer.from('%PDF-1.4\nreport\n%%EOF\n');
      const attach = () => market.request(t, agentA, 'post', `/submissions/${s}/files`).attach('file', pdf, 'r.pdf');
      // Both pass the unlocked check (9 files); the first locks the row and waits to append, the
      // second waits for that row and then sees 10. Appends checked on unlocked rows would both land.
      const results = await whileTableLocked(t.databaseUrl, 'submitted_work', 2, () => Promise.all([attach().then((res) => res), attach().then((res) => res)]));
      expect(results.map((res) => res.status).sort()).toEqual([201, 409]);
      expect(results.find((res) => res.status === 409)?.body).toMatchObject({ error: 'INVALID_STATE', message: 'The submission changed; try again' });
      expect((await t.prisma.submittedWork.findUniqueOrThrow({ where: { id: s } })).fileKeys).toHaveLength(10);
      expect((await market.request(t, agentA, 'post', `/submissions/${s}/files`).attach('file', pdf, 'r.pdf').expect(409)).body.error).toBe('TOO_MANY_FILES');
    });

    it('approves work left unreviewed after the configured days', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId);
      const s = (await market.submitWork(t, agentA, gigId, 'Waiting').expect(201)).body.data.id;
      await market.request(t, agentA, 'post', `/submissions/${s}/files`).attach('file', EXE, 'notes.jpg').expect(415);
      const sweeper = t.app.get(GigsSweeper);
      expect((await sweeper.sweep()).autoApproved).toBe(0);
      await t.prisma.submittedWork.update({ where: { id: s }, data: { submittedAt: new Date(Date.now() - 4 * 86_400_000) } });
      expect((await sweeper.sweep()).autoApproved).toBe(1);
      const after = await market.get(t, client, `/submissions/${s}`).expect(200);
      expect(after.body.data).toMatchObject({ status: 'APPROVED', autoApproved: true });
    });
  });

  describe('payments', () => {
    it('pays once per submission whatever the keys, and replays the same key', async () => {
      const { submissionId } = await approvedSubmission();
      const url = api(`/submissions/${submissionId}/payments`);
      await t.http().post(url).set(client.auth).expect(400);
      await t.http().post(url).set(otherClient.auth).set('Idempotency-Key', 'x').expect(404);
      await t.http().post(url).set(agentA.auth).set('Idempotency-Key', 'x').expect(403);
      const sameKey = await Promise.all([0, 1].map(() => t.http().post(url).set(client.auth).set('Idempotency-Key', `same-${submissionId}`)));
      expect(sameKey.map((r) => r.status)).toEqual([201, 201]);
      expect(sameKey[0].body.data.id).toBe(sameKey[1].body.data.id);
      expect(sameKey[0].body.data).toMatchObject({ amountMinor: 50000, workedMinutes: 120 });
      expect(await t.prisma.payment.count({ where: { submissionId } })).toBe(1);

      const second = await approvedSubmission();
      const url2 = api(`/submissions/${second.submissionId}/payments`);
      const reused = await t.http().post(url2).set(client.auth).set('Idempotency-Key', `same-${submissionId}`).expect(422);
      expect(reused.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
      const differentKeys = await Promise.all(
        ['k1', 'k2'].map((k) => t.http().post(url2).set(client.auth).set('Idempotency-Key', `${k}-${second.submissionId}`)),
      );
      expect(differentKeys.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await t.prisma.payment.count({ where: { submissionId: second.submissionId } })).toBe(1);
      const theirs = await t.http().get(api('/payments')).set(otherClient.auth).expect(200);
      expect(theirs.body.data.total).toBe(0);
    });

    it('pays one of two submissions raced with one key and refuses the other as a reused key', async () => {
      const [first, second] = [await approvedSubmission(), await approvedSubmission()];
      const key = `raced-${first.submissionId}`;
      const results = await Promise.all(
        [first, second].map((s) =>
          t
            .http()
            .post(api(`/submissions/${s.submissionId}/payments`))
            .set(client.auth)
            .set('Idempotency-Key', key),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(results.find((r) => r.status === 422)?.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(await t.prisma.payment.count({ where: { idempotencyKey: key } })).toBe(1);
    });

    it('refuses paying work that is not approved', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId);
      const s = (await market.submitWork(t, agentA, gigId, 'Pending').expect(201)).body.data.id;
      expect((await market.paySubmission(t, client, s, `p-${s}`).expect(409)).body.error).toBe('NOT_APPROVED');
    });
  });

  describe('reviews', () => {
    it('publishes a one-sided review when the window closes, and validates ratings', async () => {
      const { gigId } = await approvedSubmission();
      await market.reviewGig(t, client, gigId, { rating: 6 }).expect(400);
      await market.reviewGig(t, client, gigId, { rating: 3.5 }).expect(400);
      await market.reviewGig(t, otherClient, gigId, { rating: 3 }).expect(404);
      await market.reviewGig(t, admin, gigId, { rating: 3 }).expect(403);
      const review = await market.reviewGig(t, client, gigId, { rating: 3, comment: 'OK' }).expect(201);
      expect((await market.get(t, agentA, `/gigs/${gigId}/reviews`).expect(200)).body.data).toEqual([]);
      await t.prisma.review.update({ where: { id: review.body.data.id }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000) } });
      expect((await t.app.get(GigsSweeper).sweep()).reviewsPublished).toBe(1);
      const visible = await market.get(t, agentA, `/gigs/${gigId}/reviews`).expect(200);
      expect(visible.body.data).toMatchObject([{ direction: 'CLIENT_TO_AGENT', rating: 3 }]);
    });

    it('refuses reviews before any approved work', async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId);
      expect((await market.reviewGig(t, agentA, gigId, { rating: 5 }).expect(409)).body.error).toBe('NO_APPROVED_WORK');
    });
  });

  describe('disputes', () => {
    it('opens, hides, blocks completion, escalates after the deadline and is resolved by an admin', async () => {
      const { gigId, submissionId } = await approvedSubmission();
      const payment = await market.paySubmission(t, client, submissionId, `d-${submissionId}`).expect(201);
      const clientSocket = await t.socket(client.token);
      const superSocket = await t.socket(superAdmin.token);
      const opened = nextEvent<{ type: string }>(clientSocket, 'notification:new');
      const dispute = await market
        .request(t, agentA, 'post', '/disputes')
        .send({ targetType: 'PAYMENT', targetId: payment.body.data.id, reason: 'Two minutes of work were not counted.' })
        .expect(201);
      expect(await opened).toMatchObject({ type: 'dispute.opened' });
      expect(dispute.body.data).toMatchObject({ status: 'OPEN', counterpartyId: client.user.id, targetId: payment.body.data.id });
      await market
        .request(t, agentA, 'post', '/disputes')
        .send({ targetType: 'PAYMENT', targetId: payment.body.data.id, reason: 'Same thing again, twice.' })
        .expect(409);
      await t.http().post(api('/disputes')).set(agentB.auth).send({ targetType: 'GIG', targetId: gigId, reason: 'Not even my gig at all.' }).expect(404);
      await t.http().post(api('/disputes')).set(agentA.auth).send({ targetType: 'GIG', targetId: randomUUID(), reason: 'Nonexistent gig here.' }).expect(404);
      await t.http().post(api('/disputes')).set(agentA.auth).send({ targetType: 'WHATEVER', targetId: gigId, reason: 'short' }).expect(400);
      await t.http().post(api('/disputes')).set(admin.auth).send({ targetType: 'GIG', targetId: gigId, reason: 'Staff do not raise disputes.' }).expect(403);

      expect((await market.completeGig(t, client, gigId).expect(409)).body.error).toBe('DISPUTE_OPEN');
      await market.get(t, client, `/disputes/${dispute.body.data.id}`).expect(200);
      await market.get(t, agentB, `/disputes/${dispute.body.data.id}`).expect(404);
      await market.get(t, admin, `/disputes/${randomUUID()}`).expect(404);
      expect((await t.http().get(api('/disputes')).set(otherClient.auth).expect(200)).body.data.total).toBe(0);

      await t.prisma.dispute.update({ where: { id: dispute.body.data.id }, data: { deadlineAt: new Date(Date.now() - 1000) } });
      const escalatedNote = nextEvent<{ type: string; data: { disputeId: string } }>(superSocket, 'notification:new');
      expect((await t.app.get(GigsSweeper).sweep()).escalated).toBe(1);
      expect(await escalatedNote).toMatchObject({ type: 'dispute.escalated', data: { disputeId: dispute.body.data.id } });

      await market.request(t, support, 'patch', `/disputes/${dispute.body.data.id}`).send({ status: 'RESOLVED', resolution: 'Fine' }).expect(403);
      await market.request(t, admin, 'patch', `/disputes/${dispute.body.data.id}`).send({ status: 'REOPENED', resolution: 'x' }).expect(400);
      const resolved = await market
        .request(t, admin, 'patch', `/disputes/${dispute.body.data.id}`)
        .send({ status: 'RESOLVED', resolution: 'Checked the log; the amount stands.' })
        .expect(200);
      expect(resolved.body.data).toMatchObject({ status: 'RESOLVED', resolvedById: admin.user.id, escalatedAt: expect.any(String) });
      await market.request(t, superAdmin, 'patch', `/disputes/${dispute.body.data.id}`).send({ status: 'DISMISSED', resolution: 'again' }).expect(409);
      await market.request(t, admin, 'patch', `/disputes/${randomUUID()}`).send({ status: 'RESOLVED', resolution: 'none' }).expect(404);
      await market.completeGig(t, client, gigId).expect(200);
    });

    it('lets one of two racing openings by the same person on the same record through', async () => {
      const { opportunityId, slotIds } = await openOpportunity(t, client, { slots: [{ startsAt: nextSlotStart(), endsAt: nextSlotStart(1), capacity: 1 }] });
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId, slotIds);
      const open = () =>
        t.http().post(api('/disputes')).set(agentA.auth).send({ targetType: 'GIG', targetId: gigId, reason: 'Opened twice at the same moment.' });
      // Inserts into disputes wait while this lock is held (reads do not). Each opening checks and
      // inserts after locking the raiser's row: one waits to insert, the other for that row, and the
      // second sees the first's dispute. Openings that counted in parallel would both insert.
      const results = await whileTableLocked(t.databaseUrl, 'disputes', 2, () => Promise.all([open().then((res) => res), open().then((res) => res)]));
      expect(results.map((res) => res.status).sort()).toEqual([201, 409]);
      expect(results.find((res) => res.status === 409)?.body.error).toBe('DISPUTE_OPEN');
      expect(await t.prisma.dispute.count({ where: { gigId, raisedById: agentA.user.id } })).toBe(1);
    });
  });

  describe('access and docs', () => {
    it('refuses roles outside the marketplace on every list and file route', async () => {
      const customer = await t.createUser({ role: 'CUSTOMER' });
      for (const path of [
        '/gigs',
        '/applications',
        '/payments',
        '/disputes',
        '/opportunities',
        '/projects',
        `/gigs/${randomUUID()}`,
        `/submissions/${randomUUID()}`,
      ]) {
        const res = await t.http().get(api(path)).set(customer.auth).expect(403);
        expect(res.body).toMatchObject({ success: false, statusCode: 403 });
      }
      await market.request(t, client, 'post', `/submissions/${randomUUID()}/files`).attach('file', EXE, 'x.pdf').expect(403);
      await market.get(t, customer, `/submissions/${randomUUID()}/files/0`).expect(403);
    });

    it("keeps a submission and its files to the gig's parties", async () => {
      const { opportunityId } = await openOpportunity(t, client);
      const { gigId } = await acceptedGig(t, client, agentA, opportunityId);
      const s = (await market.submitWork(t, agentA, gigId, 'Files inside').expect(201)).body.data.id;
      const pdf = Buffer.from('%PDF-1.4\nreport\n%%EOF\n');
      await market.request(t, agentB, 'post', `/submissions/${s}/files`).attach('file', pdf, 'r.pdf').expect(404);
      await market.request(t, agentA, 'post', `/submissions/${s}/files`).expect(400);
      await market.request(t, agentA, 'post', `/submissions/${s}/files`).attach('file', pdf, 'r.pdf').expect(201);
      for (const path of [`/submissions/${s}`, `/submissions/${s}/files/0`]) {
        await t.http().get(api(path)).set(agentB.auth).expect(404);
        await t.http().get(api(path)).set(otherClient.auth).expect(404);
        await t.http().get(api(path)).set(client.auth).expect(200);
        await t.http().get(api(path)).set(admin.auth).expect(200);
      }
      await market.get(t, agentA, `/submissions/${s}/files/1`).expect(404);
      await market.get(t, agentA, `/submissions/${s}/files/x`).expect(400);
      await market.get(t, admin, `/submissions/${randomUUID()}`).expect(404);
    });

    it('documents every marketplace route in Swagger', async () => {
      const docs = await t.http().get('/docs-json').expect(200);
      const paths = Object.keys(docs.body.paths);
      for (const path of [
        '/api/v1/agents/me',
        '/api/v1/agents/me/kyc-documents',
        '/api/v1/agents/{id}/kyc',
        '/api/v1/clients/me',
        '/api/v1/projects/{id}/opportunities',
        '/api/v1/opportunities/{id}/applications',
        '/api/v1/applications/{id}/decision',
        '/api/v1/gigs/{id}/work-slots',
        '/api/v1/gigs/{id}/activity',
        '/api/v1/submissions/{id}/payments',
        '/api/v1/gigs/{id}/reviews',
        '/api/v1/disputes/{id}',
      ]) {
        expect(paths).toContain(path);
      }
      expect(docs.body.paths['/api/v1/submissions/{id}/payments'].post.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]),
      );
    });
  });
});
