import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DomainEvents } from '../../../src/common/events/domain-events.js';
import { OnboardingRegistry } from '../../../src/common/auth/onboarding.js';
import { api, completeProfile, EXE, JPEG, onboardAgent, openOpportunity, PDF, PNG, uploadKyc, verifyContact } from '../../support/marketplace.js';
import * as market from '../../support/marketplace-requests.js';
import { nextEvent } from '../../support/socket.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { freshIp } from '../auth/auth-helpers.js';

// These walk many HTTP steps on a machine shared with other suites; Jest's 5 s default is too tight.
jest.setTimeout(60_000);

describe('Agents: onboarding, profile, KYC, agreement', () => {
  let t: TestApp;
  let admin: TestUser;
  let support: TestUser;
  let client: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser({ role: 'ADMIN' });
    support = await t.createUser({ role: 'SUPPORT_AGENT' });
    client = await t.createUser({ role: 'CLIENT' });
  });
  afterAll(() => t.close());

  const me = (agent: TestUser) =>
    t
      .http()
      .get(api('/agents/me'))
      .set(agent.auth)
      .expect(200)
      .then((r) => r.body.data);

  it('walks the onboarding steps in order, and login can ask the registry', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    expect((await me(agent)).nextStep).toBe('VERIFY_CONTACT');
    await verifyContact(t, agent);
    const step1 = await me(agent);
    expect(step1).toMatchObject({ nextStep: 'COMPLETE_PROFILE', profileCompleted: false, kyc: { status: 'PENDING', documents: [] } });
    expect(step1).not.toHaveProperty('photoKey');

    await completeProfile(t, agent);
    const step2 = await me(agent);
    expect(step2).toMatchObject({ nextStep: 'KYC', profileCompleted: true, hasPhoto: true, experienceMonths: 36, skills: ['support', 'english'] });

    await uploadKyc(t, agent);
    const submitted = await t.http().post(api('/agents/me/kyc/submit')).set(agent.auth).expect(200);
    expect(submitted.body.data.kyc.status).toBe('SUBMITTED');
    expect(submitted.body.data.kyc.documents.map((d: { type: string; contentType: string }) => [d.type, d.contentType])).toEqual([
      ['AADHAR_FRONT', 'image/jpeg'],
      ['AADHAR_BACK', 'image/jpeg'],
      ['PAN', 'application/pdf'],
    ]);
    const agentId = submitted.body.data.id;
    await market.decideKyc(t, admin, agentId, { decision: 'APPROVED' }).expect(200);
    expect((await me(agent)).nextStep).toBe('ASSESSMENT');

    // The proctoring module's event records the level.
    await t.app
      .get(DomainEvents)
      .emit('assessment.completed', { userId: agent.user.id, candidateAssessmentId: randomUUID(), status: 'PASSED', cefrLevel: 'B2', score: 81 });
    const step4 = await me(agent);
    expect(step4).toMatchObject({ nextStep: 'AGREEMENT', assessment: { status: 'PASSED', cefrLevel: 'B2', score: 81 } });
    expect(await t.app.get(OnboardingRegistry).nextStep(agent.user.id, async () => 'VERIFY_CONTACT')).toBe('AGREEMENT');

    const agreement = await t.http().get(api('/agents/me/agreement')).set(agent.auth).expect(200);
    expect(agreement.body.data).toMatchObject({ signed: false, version: expect.any(String), text: expect.any(String) });
    await t.http().post(api('/agents/me/agreement/sign')).set(agent.auth).send({ version: 'old-version', signature: 'Me' }).expect(409);
    const signed = await t
      .http()
      .post(api('/agents/me/agreement/sign'))
      .set(agent.auth)
      .send({ version: agreement.body.data.version, signature: 'Gita Agent' })
      .expect(200);
    expect(signed.body.data).toMatchObject({ nextStep: 'DASHBOARD', agreement: { signedVersion: agreement.body.data.version } });
    const row = await t.prisma.agreementSignature.findFirstOrThrow({ where: { agentId } });
    expect(row).toMatchObject({ signature: 'Gita Agent', ipAddress: expect.any(String) });
    await t.http().post(api('/agents/me/agreement/sign')).set(agent.auth).send({ version: agreement.body.data.version, signature: 'Again' }).expect(409);
  });

  it('says which profile fields are missing, in the same place and shape on /agents/me and at login', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    await verifyContact(t, agent);
    const login = async () =>
      (await t.http().post(api('/auth/login')).set(freshIp()).send({ email: agent.user.email, password: agent.password }).expect(200)).body.data
        .registrationStatus;
    const everything = ['dateOfBirth', 'addressLine', 'city', 'country', 'photo', 'qualifications'];
    expect((await me(agent)).registrationStatus).toEqual({ nextStep: 'COMPLETE_PROFILE', missingFields: everything });
    expect(await login()).toEqual({ nextStep: 'COMPLETE_PROFILE', missingFields: everything });

    await t.http().put(api('/agents/me/profile')).set(agent.auth).send({ city: 'Pune', country: 'in' }).expect(200);
    await t.http().post(api('/agents/me/qualifications')).set(agent.auth).send({ degree: 'BA', institution: 'X' }).expect(201);
    const partial = await me(agent);
    expect(partial).toMatchObject({
      profileCompleted: false,
      nextStep: 'COMPLETE_PROFILE',
      registrationStatus: { nextStep: 'COMPLETE_PROFILE', missingFields: ['dateOfBirth', 'addressLine', 'photo'] },
    });
    expect(await login()).toEqual(partial.registrationStatus);

    await completeProfile(t, agent);
    const done = await me(agent);
    expect(done).toMatchObject({ profileCompleted: true, registrationStatus: { nextStep: 'KYC', missingFields: [] } });
    expect(await login()).toEqual({ nextStep: 'KYC', missingFields: [] });
    for (const q of done.qualifications)
      await t
        .http()
        .delete(api(`/agents/me/qualifications/${q.id}`))
        .set(agent.auth)
        .expect(204);
    expect((await me(agent)).registrationStatus).toEqual({ nextStep: 'COMPLETE_PROFILE', missingFields: ['qualifications'] });
  });

  it('counts experience in calendar months, so a six-month job meets a six-month requirement', async () => {
    const veteran = await t.createUser({ role: 'AGENT' });
    await t
      .http()
      .post(api('/agents/me/experiences'))
      .set(veteran.auth)
      .send({ company: 'Acme', title: 'Support', startDate: '2021-01-01', endDate: '2024-01-01' })
      .expect(201);
    expect((await me(veteran)).experienceMonths).toBe(36);

    const junior = await t.createUser({ role: 'AGENT' });
    await onboardAgent(t, junior, admin);
    const [job] = (await me(junior)).experiences;
    await t
      .http()
      .patch(api(`/agents/me/experiences/${job.id}`))
      .set(junior.auth)
      .send({ startDate: '2024-01-01', endDate: '2024-07-01' })
      .expect(200);
    expect((await me(junior)).experienceMonths).toBe(6);
    const { opportunityId } = await openOpportunity(t, client, { body: { minExperienceMonths: 6 } });
    const seen = await t
      .http()
      .get(api(`/opportunities/${opportunityId}`))
      .set(junior.auth)
      .expect(200);
    expect(seen.body.data.eligibility).toEqual({ eligible: true, reasons: [], missingSkills: [] });
    const applied = await market.applyTo(t, junior, opportunityId).expect(201);
    expect(applied.body.data.agentExperienceMonths).toBe(6);
  });

  it('records employment details and refuses a bad employment status', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    const res = await t
      .http()
      .put(api('/agents/me/profile'))
      .set(agent.auth)
      .send({ employment: { status: 'EMPLOYED', employer: 'Acme', hoursAvailablePerWeek: 20 } })
      .expect(200);
    expect(res.body.data.employment).toEqual({ status: 'EMPLOYED', employer: 'Acme', designation: null, hoursAvailablePerWeek: 20 });
    const replaced = await t
      .http()
      .put(api('/agents/me/profile'))
      .set(agent.auth)
      .send({ employment: { status: 'STUDENT' } })
      .expect(200);
    expect(replaced.body.data.employment).toEqual({ status: 'STUDENT', employer: null, designation: null, hoursAvailablePerWeek: null });
    const bad = await t
      .http()
      .put(api('/agents/me/profile'))
      .set(agent.auth)
      .send({ employment: { status: 'RETIRED', hoursAvailablePerWeek: 200 } })
      .expect(400);
    expect(bad.body.error).toBe('VALIDATION_FAILED');
  });

  it('refuses signing out of order', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    await verifyContact(t, agent);
    const res = await t.http().post(api('/agents/me/agreement/sign')).set(agent.auth).send({ version: '2026-01', signature: 'Me' }).expect(409);
    expect(res.body.error).toBe('ONBOARDING_ORDER');
  });

  it('creates the profile row when signup did not', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    await t.prisma.agentProfile.deleteMany({ where: { userId: agent.user.id } });
    await t.http().post(api('/agents/me/qualifications')).set(agent.auth).send({ degree: 'BA', institution: 'X' }).expect(201);
    expect(await t.prisma.agentProfile.count({ where: { userId: agent.user.id } })).toBe(1);
  });

  it('refuses an executable renamed .jpg, a missing file and an unknown document type', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    const exe = await t.http().post(api('/agents/me/kyc-documents')).set(agent.auth).field('type', 'PAN').attach('file', EXE, 'pan.jpg').expect(415);
    expect(exe.body).toMatchObject({ success: false, error: 'UNSUPPORTED_FILE_TYPE' });
    await t.http().put(api('/agents/me/photo')).set(agent.auth).attach('file', PDF, 'me.png').expect(415);
    const missing = await t.http().post(api('/agents/me/kyc-documents')).set(agent.auth).field('type', 'PAN').expect(400);
    expect(missing.body.success).toBe(false);
    const badType = await t.http().post(api('/agents/me/kyc-documents')).set(agent.auth).field('type', 'PASSPORT').attach('file', JPEG, 'x.jpg').expect(400);
    expect(badType.body.error).toBe('VALIDATION_FAILED');
    const tooBig = Buffer.concat([JPEG, Buffer.alloc(t.config.uploadMaxBytes)]);
    const big = await t.http().post(api('/agents/me/kyc-documents')).set(agent.auth).field('type', 'PAN').attach('file', tooBig, 'pan.jpg');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ success: false, statusCode: 413 });
    expect(await t.prisma.kycDocument.count({ where: { agent: { userId: agent.user.id } } })).toBe(0);
  });

  it('refuses submitting with missing documents or an incomplete profile', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    await verifyContact(t, agent);
    await uploadKyc(t, agent);
    expect((await t.http().post(api('/agents/me/kyc/submit')).set(agent.auth).expect(409)).body.error).toBe('PROFILE_INCOMPLETE');
    const other = await t.createUser({ role: 'AGENT' });
    await completeProfile(t, other);
    await t.http().post(api('/agents/me/kyc-documents')).set(other.auth).field('type', 'PAN').attach('file', PDF, 'pan.pdf').expect(201);
    expect((await t.http().post(api('/agents/me/kyc/submit')).set(other.auth).expect(409)).body.error).toBe('KYC_DOCUMENTS_MISSING');
  });

  it('lets a rejected agent resubmit, keeps every decision, and serves files only with access', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    await verifyContact(t, agent);
    await completeProfile(t, agent);
    await uploadKyc(t, agent);
    const agentId = (await t.http().post(api('/agents/me/kyc/submit')).set(agent.auth).expect(200)).body.data.id;
    const socket = await t.socket(agent.token);
    const notified = nextEvent<{ type: string; data: { decision: string } }>(socket, 'notification:new');

    await market.decideKyc(t, admin, agentId, { decision: 'REJECTED' }).expect(400);
    await market.decideKyc(t, admin, agentId, { decision: 'REJECTED', reason: 'PAN is blurry' }).expect(200);
    expect(await notified).toMatchObject({ type: 'agent.kyc_decided', data: { decision: 'REJECTED', reason: 'PAN is blurry' } });
    await market.decideKyc(t, admin, agentId, { decision: 'APPROVED' }).expect(409);
    const rejected = await me(agent);
    expect(rejected).toMatchObject({
      nextStep: 'KYC',
      kyc: { status: 'REJECTED', lastDecision: { decision: 'REJECTED', reason: 'PAN is blurry', reviewerId: admin.user.id } },
    });

    // Files: the owner and admins read them; others cannot.
    const own = await t.http().get(api('/agents/me/kyc-documents/PAN/file')).set(agent.auth).expect(200);
    expect(own.headers['content-type']).toContain('application/pdf');
    expect(Buffer.from(own.body).subarray(0, 4).toString()).toBe('%PDF');
    await t
      .http()
      .get(api(`/agents/${agentId}/kyc-documents/PAN/file`))
      .set(admin.auth)
      .expect(200);
    await t
      .http()
      .get(api(`/agents/${agentId}/kyc-documents/PAN/file`))
      .set(support.auth)
      .expect(403);
    await t
      .http()
      .get(api(`/agents/${agentId}/kyc-documents/PAN/file`))
      .set(agent.auth)
      .expect(403);
    await t
      .http()
      .get(api(`/agents/${agentId}/kyc-documents/PAN/file`))
      .expect(401);
    await t
      .http()
      .get(api(`/agents/${randomUUID()}/kyc-documents/PAN/file`))
      .set(admin.auth)
      .expect(404);
    await t
      .http()
      .get(api('/agents/me/photo'))
      .set(agent.auth)
      .expect(200)
      .expect('content-type', /image\/png/);
    await t
      .http()
      .get(api(`/agents/${agentId}/photo`))
      .set(support.auth)
      .expect(200)
      .expect('content-type', /image\/png/);
    await t
      .http()
      .get(api(`/agents/${agentId}/photo`))
      .set(client.auth)
      .expect(403);
    await t
      .http()
      .get(api(`/agents/${randomUUID()}/photo`))
      .set(support.auth)
      .expect(404);
    await t.http().put(api('/agents/me/photo')).set(client.auth).attach('file', PNG, 'me.png').expect(403);
    await t.http().get(api('/agents/me/kyc-documents/PAN/file')).set(client.auth).expect(403);
    await t.http().get(api('/agents/me/kyc-documents/SELFIE/file')).set(agent.auth).expect(400);

    await t.http().post(api('/agents/me/kyc-documents')).set(agent.auth).field('type', 'PAN').attach('file', PNG, 'pan.png').expect(201);
    await t.http().post(api('/agents/me/kyc/submit')).set(agent.auth).expect(200);
    // Under review the documents are locked and a second submit is refused.
    await t.http().post(api('/agents/me/kyc-documents')).set(agent.auth).field('type', 'PAN').attach('file', PNG, 'pan.png').expect(409);
    await t.http().post(api('/agents/me/kyc/submit')).set(agent.auth).expect(409);
    await market.decideKyc(t, admin, agentId, { decision: 'APPROVED' }).expect(200);

    const staffView = await t
      .http()
      .get(api(`/agents/${agentId}`))
      .set(support.auth)
      .expect(200);
    expect(staffView.body.data.kycHistory.map((d: { decision: string }) => d.decision)).toEqual(['APPROVED', 'REJECTED']);
  });

  it('lets only one of two racing KYC decisions win', async () => {
    const agent = await t.createUser({ role: 'AGENT' });
    await verifyContact(t, agent);
    await completeProfile(t, agent);
    await uploadKyc(t, agent);
    const agentId = (await t.http().post(api('/agents/me/kyc/submit')).set(agent.auth).expect(200)).body.data.id;
    const results = await Promise.all([
      market.decideKyc(t, admin, agentId, { decision: 'APPROVED' }),
      market.decideKyc(t, admin, agentId, { decision: 'REJECTED', reason: 'Mismatch' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await t.prisma.kycReview.count({ where: { agentId } })).toBe(1);
  });

  it('keeps qualifications and experiences to their owner and validates them', async () => {
    const a = await t.createUser({ role: 'AGENT' });
    const b = await t.createUser({ role: 'AGENT' });
    const q = (
      await t.http().post(api('/agents/me/qualifications')).set(a.auth).send({ degree: 'BA', institution: 'X', startYear: 2010, endYear: 2013 }).expect(201)
    ).body.data;
    await t
      .http()
      .patch(api(`/agents/me/qualifications/${q.id}`))
      .set(b.auth)
      .send({ degree: 'MBA' })
      .expect(404);
    await t
      .http()
      .delete(api(`/agents/me/qualifications/${q.id}`))
      .set(b.auth)
      .expect(404);
    await t
      .http()
      .patch(api(`/agents/me/qualifications/${randomUUID()}`))
      .set(a.auth)
      .send({ degree: 'MBA' })
      .expect(404);
    await t
      .http()
      .patch(api(`/agents/me/qualifications/${q.id}`))
      .set(a.auth)
      .send({ degree: 'MBA' })
      .expect(200);
    await t
      .http()
      .patch(api(`/agents/me/qualifications/${q.id}`))
      .set(a.auth)
      .send({ endYear: 2005 })
      .expect(400);
    await t
      .http()
      .delete(api(`/agents/me/qualifications/${q.id}`))
      .set(a.auth)
      .expect(204);

    const e = (await t.http().post(api('/agents/me/experiences')).set(a.auth).send({ company: 'C', title: 'T', startDate: '2020-01-01' }).expect(201)).body
      .data;
    await t
      .http()
      .patch(api(`/agents/me/experiences/${e.id}`))
      .set(b.auth)
      .send({ title: 'X' })
      .expect(404);
    await t
      .http()
      .delete(api(`/agents/me/experiences/${e.id}`))
      .set(b.auth)
      .expect(404);
    await t
      .http()
      .patch(api(`/agents/me/experiences/${e.id}`))
      .set(a.auth)
      .send({ endDate: '2019-01-01' })
      .expect(400);
    await t
      .http()
      .delete(api(`/agents/me/experiences/${e.id}`))
      .set(a.auth)
      .expect(204);

    const bad = await t.http().post(api('/agents/me/experiences')).set(a.auth).send({ company: '', title: 'T', startDate: 'yesterday', salary: 5 }).expect(400);
    expect(bad.body.error).toBe('VALIDATION_FAILED');
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(expect.arrayContaining(['company', 'startDate']));
    await t.http().put(api('/agents/me/profile')).set(a.auth).send({ dateOfBirth: 'not-a-date', skills: 'x' }).expect(400);
    await t.http().post(api('/agents/me/qualifications')).set(a.auth).send({ degree: 'BA', institution: 'X', startYear: 2015, endYear: 2010 }).expect(400);
  });

  it('answers the wrong role with 403 and unknown ids with 404', async () => {
    await t.http().get(api('/agents/me')).set(client.auth).expect(403);
    await t.http().put(api('/agents/me/profile')).set(admin.auth).send({ city: 'X' }).expect(403);
    await t.http().post(api('/agents/me/kyc/submit')).set(client.auth).expect(403);
    const agent = await t.createUser({ role: 'AGENT' });
    await t.http().get(api('/agents')).set(agent.auth).expect(403);
    await t.http().get(api('/agents')).set(client.auth).expect(403);
    await t
      .http()
      .get(api(`/agents/${randomUUID()}`))
      .set(agent.auth)
      .expect(403);
    await market.decideKyc(t, support, randomUUID(), { decision: 'APPROVED' }).expect(403);
    await market.recordAssessment(t, agent, randomUUID(), { status: 'PASSED', cefrLevel: 'C2' }).expect(403);
    await t
      .http()
      .get(api(`/agents/${randomUUID()}`))
      .set(admin.auth)
      .expect(404);
    await market.decideKyc(t, admin, randomUUID(), { decision: 'APPROVED' }).expect(404);
    await market.recordAssessment(t, admin, randomUUID(), { status: 'PASSED', cefrLevel: 'B1' }).expect(404);
    await t.http().get(api('/agents/not-a-uuid')).set(admin.auth).expect(400);
  });

  it('lists agents for staff with filters and validates the assessment body', async () => {
    const agent = await t.createUser({ role: 'AGENT', name: 'Filterable Fiona' });
    await me(agent);
    const res = await t.http().get(api('/agents?kycStatus=PENDING&search=fiona')).set(support.auth).expect(200);
    expect(res.body.data).toMatchObject({ total: 1, page: 1, items: [{ userId: agent.user.id, name: 'Filterable Fiona', kycStatus: 'PENDING' }] });
    await t.http().get(api('/agents?kycStatus=MAYBE')).set(support.auth).expect(400);
    const agentId = res.body.data.items[0].id;
    await market.recordAssessment(t, admin, agentId, { status: 'PASSED' }).expect(400);
    await market.recordAssessment(t, admin, agentId, { status: 'PASSED', cefrLevel: 'D1' }).expect(400);
    const recorded = await market.recordAssessment(t, admin, agentId, { status: 'FAILED', score: 20 }).expect(200);
    expect(recorded.body.data.assessment).toMatchObject({ status: 'FAILED', cefrLevel: null, score: 20 });
  });
});
