import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seedDatabaseIfIncomplete } from '../../src/infra/database/seed/seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { freshIp } from './auth/auth-helpers.js';

interface Account {
  role: string;
  email: string;
  password: string;
}

/** The accounts table of the README's demo-data section, as a newcomer reads it. */
function readmeAccounts(): Account[] {
  const readme = readFileSync(path.resolve('README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Demo data'), readme.indexOf('\n## ', readme.indexOf('### Demo data')));
  // Cells may be padded (the README's tables are aligned by Prettier).
  return [...section.matchAll(/^\|\s*([A-Z_]+)\s*\|\s*`([^`]+)`[^|]*\|\s*`([^`]+)`[^|]*\|$/gm)].map(([, role, email, password]) => ({ role, email, password }));
}

/**
 * Starts the way `npm start` does on an empty embedded database (the start-up seed with the default
 * configuration), then walks the README's demo-data promises over HTTP as each demo user.
 */
describe('Demo data the README promises', () => {
  let t: TestApp;
  const accounts = readmeAccounts();
  const logins = new Map<
    string,
    { status: number; body: { data: { token: string; user: { id: string; emailVerified: boolean }; registrationStatus: object | null } } }
  >();
  const as = (role: string) => ({ Authorization: `Bearer ${logins.get(role)?.body.data?.token}` });
  const api = (p: string) => `/api/v1${p}`;
  let demoOpportunity: { id: string; title: string; requiredSkills: string[]; minCefrLevel: string; minExperienceMonths: number };
  let applicationId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDatabaseIfIncomplete(t.databaseUrl, { ...t.config.seed, bcryptRounds: t.config.bcryptRounds });
    for (const account of accounts) {
      logins.set(account.role, await t.http().post(api('/auth/login')).set(freshIp()).send({ email: account.email, password: account.password }));
    }
  });
  afterAll(() => t.close());

  it('lists one account per role, the super admin being the default SEED_ADMIN_* values', () => {
    expect(accounts.map((a) => a.role).sort()).toEqual(['ADMIN', 'AGENT', 'CLIENT', 'CUSTOMER', 'SUPER_ADMIN', 'SUPPORT_AGENT']);
    expect(accounts.find((a) => a.role === 'SUPER_ADMIN')).toMatchObject({ email: t.config.seed.adminEmail, password: t.config.seed.adminPassword });
  });

  it('lets every account of the table sign in with its password and role, the demo ones verified as after a signup', () => {
    for (const account of accounts) {
      const login = logins.get(account.role);
      expect({ email: account.email, status: login?.status }).toEqual({ email: account.email, status: 200 });
      expect(login?.body.data.user).toMatchObject({ email: account.email, role: account.role, status: 'ACTIVE' });
      if (account.role !== 'SUPER_ADMIN')
        expect({ email: account.email, emailVerified: login?.body.data.user.emailVerified }).toEqual({ email: account.email, emailVerified: true });
    }
  });

  it('signs the agent in straight to the dashboard, nothing missing', () => {
    expect(logins.get('AGENT')?.body.data.registrationStatus).toEqual({ nextStep: 'DASHBOARD', missingFields: [] });
  });

  it("shows the client's organisation with a project and an open opportunity", async () => {
    const me = await t.http().get(api('/clients/me')).set(as('CLIENT')).expect(200);
    expect(me.body.data).toMatchObject({ organizationName: 'Demo Retail Co', industry: expect.any(String), country: 'IN' });
    const projects = await t.http().get(api('/projects')).set(as('CLIENT')).expect(200);
    expect(projects.body.data.items).toMatchObject([{ name: 'Holiday season support', status: 'ACTIVE' }]);
    const opportunities = await t
      .http()
      .get(api(`/opportunities?projectId=${projects.body.data.items[0].id}`))
      .set(as('CLIENT'))
      .expect(200);
    expect(opportunities.body.data.items).toMatchObject([
      { title: 'Weekend English chat support', status: 'OPEN', requiredSkills: ['support', 'english'], minCefrLevel: 'B1', minExperienceMonths: 6 },
    ]);
    demoOpportunity = opportunities.body.data.items[0];
    const detail = await t
      .http()
      .get(api(`/opportunities/${demoOpportunity.id}`))
      .set(as('CLIENT'))
      .expect(200);
    expect(detail.body.data.slots).toHaveLength(2);
  });

  it("shows the agent's filled-in profile: every field, photo, qualification, experience and skills the opportunity asks for", async () => {
    const me = await t.http().get(api('/agents/me')).set(as('AGENT')).expect(200);
    const agent = me.body.data;
    expect(agent).toMatchObject({
      profileCompleted: true,
      hasPhoto: true,
      nextStep: 'DASHBOARD',
      registrationStatus: { nextStep: 'DASHBOARD', missingFields: [] },
    });
    for (const field of ['dateOfBirth', 'gender', 'addressLine', 'city', 'state', 'country', 'postalCode', 'bio'])
      expect({ field, value: agent[field] }).toEqual({ field, value: expect.any(String) });
    expect(agent.languages.length).toBeGreaterThan(0);
    expect(agent.skills).toEqual(expect.arrayContaining(demoOpportunity.requiredSkills));
    expect(agent.qualifications.length).toBeGreaterThan(0);
    expect(agent.experiences.length).toBeGreaterThan(0);
    expect(agent.experienceMonths).toBeGreaterThanOrEqual(36);
    expect(agent.skills).toEqual(['support', 'english', 'chat', 'email']);
    expect(agent.employment).toMatchObject({ status: expect.any(String) });

    const photo = await t.http().get(api('/agents/me/photo')).set(as('AGENT')).buffer(true).expect(200);
    expect(photo.headers['content-type']).toMatch(/^image\//);
    expect(photo.body.length).toBeGreaterThan(0);
  });

  it('shows KYC approved with every document readable, the assessment scored at a level the opportunity accepts, and the agreement signed', async () => {
    const agent = (await t.http().get(api('/agents/me')).set(as('AGENT')).expect(200)).body.data;
    expect(agent.kyc.status).toBe('APPROVED');
    expect(agent.kyc.lastDecision).toMatchObject({ decision: 'APPROVED', reviewerId: logins.get('ADMIN')?.body.data.user.id });
    expect(agent.kyc.documents.map((d: { type: string }) => d.type).sort()).toEqual(['AADHAR_BACK', 'AADHAR_FRONT', 'PAN']);
    for (const doc of agent.kyc.documents) {
      const file = await t
        .http()
        .get(api(`/agents/me/kyc-documents/${doc.type}/file`))
        .set(as('AGENT'))
        .buffer(true)
        .expect(200);
      expect(doc.contentType).toBe('application/pdf');
      expect(file.headers['content-type']).toBe(doc.contentType);
      expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
      expect(file.body.length).toBe(doc.size);
    }

    const order = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
    expect(agent.assessment).toMatchObject({ status: 'PASSED', cefrLevel: 'B2', score: expect.any(Number) });
    expect(order.indexOf(agent.assessment.cefrLevel)).toBeGreaterThanOrEqual(order.indexOf(demoOpportunity.minCefrLevel));
    const candidate = await t.http().get(api('/proctoring/candidates/me')).set(as('AGENT')).expect(200);
    expect(candidate.body.data.overallCefrLevel).toBe(agent.assessment.cefrLevel);
    // The scored attempt behind it: staff see its ended session, the agent its result, in the published band.
    const sessions = await t.http().get(api('/proctoring/sessions?status=ENDED')).set(as('ADMIN')).expect(200);
    const mine = sessions.body.data.items.filter((session: { userId: string }) => session.userId === agent.userId);
    expect(mine).toHaveLength(1);
    const result = await t
      .http()
      .get(api(`/proctoring/sessions/${mine[0].id}/result`))
      .set(as('AGENT'))
      .expect(200);
    expect(result.body.data).toMatchObject({
      ready: true,
      result: 'PASSED',
      cefrLevel: agent.assessment.cefrLevel,
      score: agent.assessment.score,
      pendingAnswers: 0,
    });
    const band = result.body.data.cefrBands.find((b: { level: string }) => b.level === agent.assessment.cefrLevel);
    expect(agent.assessment.score).toBeGreaterThanOrEqual(band.minScore);
    if (band.belowScore !== null) expect(agent.assessment.score).toBeLessThan(band.belowScore);

    const agreement = await t.http().get(api('/agents/me/agreement')).set(as('AGENT')).expect(200);
    expect(agreement.body.data).toMatchObject({ signed: true, signedAt: expect.any(String) });
    expect(agent.agreement.signedVersion).toBe(agent.agreement.currentVersion);
  });

  it('lets the agent apply to the demo opportunity at once', async () => {
    const eligible = await t.http().get(api('/opportunities?eligibleOnly=true')).set(as('AGENT')).expect(200);
    expect(eligible.body.data.items.map((o: { id: string }) => o.id)).toContain(demoOpportunity.id);
    const detail = await t
      .http()
      .get(api(`/opportunities/${demoOpportunity.id}`))
      .set(as('AGENT'))
      .expect(200);
    expect(detail.body.data.eligibility).toEqual({ eligible: true, reasons: [], missingSkills: [] });

    const applied = await t
      .http()
      .post(api(`/opportunities/${demoOpportunity.id}/applications`))
      .set(as('AGENT'))
      .send({ coverNote: 'Weekends suit me.' });
    expect(applied.status).toBe(201);
    expect(applied.body.data).toMatchObject({ opportunityId: demoOpportunity.id, status: 'PENDING', agentName: 'Gita Agent' });
    applicationId = applied.body.data.id;
  });

  it("shows the client the agent's application, with the agent's level, skills and experience", async () => {
    const list = await t
      .http()
      .get(api(`/applications?opportunityId=${demoOpportunity.id}`))
      .set(as('CLIENT'))
      .expect(200);
    expect(list.body.data.items).toHaveLength(1);
    expect(list.body.data.items[0]).toMatchObject({
      id: applicationId,
      agentName: 'Gita Agent',
      status: 'PENDING',
      agentCefrLevel: expect.any(String),
      agentSkills: expect.arrayContaining(demoOpportunity.requiredSkills),
    });
    expect(list.body.data.items[0].agentExperienceMonths).toBeGreaterThanOrEqual(demoOpportunity.minExperienceMonths);
  });

  it('has the demo language assessment published for agents', async () => {
    const list = await t.http().get(api('/proctoring/assessments')).set(as('AGENT')).expect(200);
    expect(list.body.data.items.map((a: { title: string }) => a.title)).toContain('English for customer support (demo)');
  });

  it('has the knowledge-base FAQs the offline assistant answers the customer from', async () => {
    const faqs = await t.http().get(api('/faqs?limit=100')).expect(200);
    expect(faqs.body.data.total).toBeGreaterThanOrEqual(5);
    const conversation = await t.http().post(api('/conversations')).set(as('CUSTOMER')).send({}).expect(201);
    const answer = await t
      .http()
      .post(api(`/conversations/${conversation.body.data.id}/messages`))
      .set(as('CUSTOMER'))
      .send({ content: 'How long does a refund take?' })
      .expect(201);
    expect(answer.body.data.aiMessage.metadata.source).toBe('FAQ');
  });

  it('has two donor queries on the desk for the admins and support staff, one waiting and one resolved', async () => {
    for (const role of ['SUPER_ADMIN', 'ADMIN', 'SUPPORT_AGENT']) {
      const list = await t.http().get(api('/donor-queries')).set(as(role)).expect(200);
      expect({ role, statuses: list.body.data.items.map((q: { status: string }) => q.status).sort() }).toEqual({ role, statuses: ['IN_PROGRESS', 'RESOLVED'] });
    }
    const waiting = await t.http().get(api('/donor-queries/in-progress')).set(as('ADMIN')).expect(200);
    expect(waiting.body.data.total).toBe(1);
  });

  it('is still complete on the next start after all this exploring, which keeps the application', async () => {
    await expect(seedDatabaseIfIncomplete(t.databaseUrl, { ...t.config.seed, bcryptRounds: t.config.bcryptRounds })).resolves.toBe(false);
    const mine = await t.http().get(api('/applications')).set(as('AGENT')).expect(200);
    expect(mine.body.data.items.map((a: { id: string }) => a.id)).toEqual([applicationId]);
  });
});
