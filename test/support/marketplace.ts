import { addSlot, api, applyTo, decideApplication, decideKyc, pickWorkSlots, publishOpportunity, recordAssessment, request } from './marketplace-requests.js';
import type { TestApp, TestUser } from './test-app.js';

/** A 1×1 PNG, a minimal JPEG header, a PDF header and a Windows executable header, for upload tests. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(64)]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0')]);

export { api } from './marketplace-requests.js';

/** The agent logs a work event on the gig (LOGIN, BREAK_START, …). The caller checks the status. */
export const gigActivity = (t: TestApp, agent: TestUser, gigId: string, type: string) => request(t, agent, 'post', `/gigs/${gigId}/activity`).send({ type });

/** Marks the user's email verified, as the OTP flow of the auth module would. */
export async function verifyContact(t: TestApp, user: TestUser): Promise<void> {
  await t.prisma.user.update({ where: { id: user.user.id }, data: { emailVerifiedAt: new Date() } });
}

export async function completeProfile(t: TestApp, agent: TestUser, skills = ['support', 'english']): Promise<void> {
  await t
    .http()
    .put(api('/agents/me/profile'))
    .set(agent.auth)
    .send({ dateOfBirth: '1995-04-12', addressLine: '12 MG Road', city: 'Bengaluru', country: 'IN', skills })
    .expect(200);
  await t.http().post(api('/agents/me/qualifications')).set(agent.auth).send({ degree: 'B.Com', institution: 'BU' }).expect(201);
  await t
    .http()
    .post(api('/agents/me/experiences'))
    .set(agent.auth)
    .send({ company: 'Acme', title: 'Support', startDate: '2020-01-01', endDate: '2023-01-01' })
    .expect(201);
  await t.http().put(api('/agents/me/photo')).set(agent.auth).attach('file', PNG, 'me.png').expect(200);
}

export async function uploadKyc(t: TestApp, agent: TestUser): Promise<void> {
  for (const type of ['AADHAR_FRONT', 'AADHAR_BACK', 'PAN']) {
    await t
      .http()
      .post(api('/agents/me/kyc-documents'))
      .set(agent.auth)
      .field('type', type)
      .attach('file', type === 'PAN' ? PDF : JPEG, `${type}.jpg`)
      .expect(201);
  }
}

/** Takes an AGENT from signup to DASHBOARD over HTTP (an admin decides KYC and records the assessment). */
export async function onboardAgent(t: TestApp, agent: TestUser, admin: TestUser, options: { cefrLevel?: string; skills?: string[] } = {}): Promise<string> {
  await verifyContact(t, agent);
  await completeProfile(t, agent, options.skills);
  await uploadKyc(t, agent);
  const submitted = await t.http().post(api('/agents/me/kyc/submit')).set(agent.auth).expect(200);
  const agentId: string = submitted.body.data.id;
  await decideKyc(t, admin, agentId, { decision: 'APPROVED' }).expect(200);
  await recordAssessment(t, admin, agentId, { status: 'PASSED', cefrLevel: options.cefrLevel ?? 'C1', score: 88 }).expect(200);
  const agreement = await t.http().get(api('/agents/me/agreement')).set(agent.auth).expect(200);
  const signed = await t
    .http()
    .post(api('/agents/me/agreement/sign'))
    .set(agent.auth)
    .send({ version: agreement.body.data.version, signature: 'Agent Name' })
    .expect(200);
  if (signed.body.data.nextStep !== 'DASHBOARD') throw new Error(`Onboarding did not finish: ${signed.body.data.nextStep}`);
  return agentId;
}

/** A CLIENT and an AGENT that an ADMIN onboarded to DASHBOARD: the two parties of a gig. */
export async function clientAndOnboardedAgent(t: TestApp): Promise<{ client: TestUser; agent: TestUser }> {
  const admin = await t.createUser({ role: 'ADMIN' });
  const client = await t.createUser({ role: 'CLIENT' });
  const agent = await t.createUser({ role: 'AGENT' });
  await onboardAgent(t, agent, admin);
  return { client, agent };
}

export const OPPORTUNITY = {
  title: 'Weekend chat support',
  requiredSkills: ['support'],
  minCefrLevel: 'B1',
  minExperienceMonths: 6,
  rateMinor: 25000,
  currency: 'INR',
  capacity: 2,
};

/** A published opportunity of `client` with the given slots (ISO start/end pairs, capacity each). */
export async function openOpportunity(
  t: TestApp,
  client: TestUser,
  options: { body?: Record<string, unknown>; slots?: { startsAt: string; endsAt: string; capacity: number }[] } = {},
): Promise<{ opportunityId: string; slotIds: string[] }> {
  const project = await t.http().post(api('/projects')).set(client.auth).send({ name: 'Support project' }).expect(201);
  const opportunity = await t
    .http()
    .post(api(`/projects/${project.body.data.id}/opportunities`))
    .set(client.auth)
    .send({ ...OPPORTUNITY, ...options.body })
    .expect(201);
  const opportunityId: string = opportunity.body.data.id;
  const slots = options.slots ?? [{ startsAt: '2030-01-05T09:00:00Z', endsAt: '2030-01-05T13:00:00Z', capacity: 2 }];
  const slotIds: string[] = [];
  for (const slot of slots) slotIds.push((await addSlot(t, client, opportunityId, slot).expect(201)).body.data.id);
  await publishOpportunity(t, client, opportunityId).expect(200);
  return { opportunityId, slotIds };
}

/** The agent applies and the client accepts (and the agent picks `pickSlots`); returns the application and the gig. */
export async function acceptedGig(
  t: TestApp,
  client: TestUser,
  agent: TestUser,
  opportunityId: string,
  pickSlots: string[] = [],
): Promise<{ applicationId: string; gigId: string }> {
  const applied = await applyTo(t, agent, opportunityId).expect(201);
  const decided = await decideApplication(t, client, applied.body.data.id, { decision: 'ACCEPTED' }).expect(200);
  const gigId: string = decided.body.data.gigId;
  if (pickSlots.length) await pickWorkSlots(t, agent, gigId, pickSlots).expect(201);
  return { applicationId: applied.body.data.id, gigId };
}

/** Rewrites a gig's activity log times to `minutesAgo` offsets, in order (the API records server time). */
export async function backdateActivity(t: TestApp, gigId: string, minutesAgo: number[]): Promise<void> {
  const entries = await t.prisma.activityLog.findMany({ where: { gigId }, orderBy: { occurredAt: 'asc' } });
  if (entries.length !== minutesAgo.length) throw new Error(`Expected ${minutesAgo.length} activity entries, found ${entries.length}`);
  const now = Date.now();
  for (const [i, entry] of entries.entries()) {
    await t.prisma.activityLog.update({ where: { id: entry.id }, data: { occurredAt: new Date(now - minutesAgo[i] * 60_000) } });
  }
}

/**
 * Moves the gig's first picked slot (and the agent's copy of it) so that it runs from
 * `startedMinutesAgo` before now to `endsInMinutes` after it: slots can only be picked before they
 * start, and LOGIN is accepted only inside a picked slot.
 */
export async function slotsAroundNow(t: TestApp, gigId: string, options: { startedMinutesAgo?: number; endsInMinutes?: number } = {}): Promise<void> {
  const now = Date.now();
  const startsAt = new Date(now - (options.startedMinutesAgo ?? 180) * 60_000);
  const endsAt = new Date(now + (options.endsInMinutes ?? 60) * 60_000);
  const picked = await t.prisma.agentWorkSlot.findFirst({ where: { gigId }, orderBy: { startsAt: 'asc' }, select: { id: true, slotId: true } });
  if (!picked) throw new Error(`Gig ${gigId} has no picked slot`);
  await t.prisma.agentWorkSlot.update({ where: { id: picked.id }, data: { startsAt, endsAt } });
  await t.prisma.clientScheduleSlot.update({ where: { id: picked.slotId }, data: { startsAt, endsAt } });
}
