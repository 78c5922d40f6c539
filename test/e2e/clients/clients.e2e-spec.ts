import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { seedDatabase } from '../../../src/infra/database/seed/seed.js';
import { api, onboardAgent } from '../../support/marketplace.js';
import * as market from '../../support/marketplace-requests.js';
import { nextEvent } from '../../support/socket.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

// These walk many HTTP steps on a machine shared with other suites; Jest's 5 s default is too tight.
jest.setTimeout(60_000);

describe('Clients: organisation, projects, opportunities', () => {
  let t: TestApp;
  let admin: TestUser;
  let client: TestUser;
  let otherClient: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser({ role: 'ADMIN' });
    client = await t.createUser({ role: 'CLIENT' });
    otherClient = await t.createUser({ role: 'CLIENT' });
    agent = await t.createUser({ role: 'AGENT' });
  });
  afterAll(() => t.close());

  const opportunityBody = {
    title: 'Weekend chat support',
    requiredSkills: ['Support'],
    minCefrLevel: 'B2',
    minExperienceMonths: 12,
    rateMinor: 25000,
    currency: 'INR',
    capacity: 2,
  };

  async function draftOpportunity(owner: TestUser, body: Record<string, unknown> = opportunityBody) {
    const project = await t.http().post(api('/projects')).set(owner.auth).send({ name: 'Holiday support' }).expect(201);
    const opp = await t
      .http()
      .post(api(`/projects/${project.body.data.id}/opportunities`))
      .set(owner.auth)
      .send(body)
      .expect(201);
    return { projectId: project.body.data.id as string, opportunityId: opp.body.data.id as string };
  }

  const slot = { startsAt: '2030-01-05T09:00:00Z', endsAt: '2030-01-05T13:00:00Z', capacity: 2 };

  it('walks a client from signup to a closed opportunity, with agents notified', async () => {
    const fresh = await t.createUser({ role: 'CLIENT' });
    await t.http().get(api('/clients/me')).set(fresh.auth).expect(404);
    const registered = await t.http().post(api('/clients')).set(fresh.auth).send({ organizationName: 'Acme Retail', country: 'in' }).expect(201);
    expect(registered.body.data).toMatchObject({ organizationName: 'Acme Retail', country: 'IN', userId: fresh.user.id });
    await t.http().post(api('/clients')).set(fresh.auth).send({ organizationName: 'Again' }).expect(409);
    const patched = await t.http().patch(api('/clients/me')).set(fresh.auth).send({ industry: 'Retail', website: 'https://acme.example' }).expect(200);
    expect(patched.body.data).toMatchObject({ organizationName: 'Acme Retail', industry: 'Retail' });

    const { opportunityId } = await draftOpportunity(fresh);
    expect((await market.publishOpportunity(t, fresh, opportunityId).expect(409)).body.error).toBe('NO_SLOTS');
    const added = await market.addSlot(t, fresh, opportunityId, slot).expect(201);
    expect(added.body.data).toMatchObject({ capacity: 2, filledCount: 0 });

    const agentSocket = await t.socket(agent.token);
    const published = nextEvent<{ opportunityId: string; title: string }>(agentSocket, 'opportunity:published');
    const open = await market.publishOpportunity(t, fresh, opportunityId).expect(200);
    expect(open.body.data).toMatchObject({ status: 'OPEN', publishedAt: expect.any(String), requiredSkills: ['support'] });
    expect(await published).toMatchObject({ opportunityId });
    await market.publishOpportunity(t, fresh, opportunityId).expect(409);

    const closed = await market.closeOpportunity(t, fresh, opportunityId).expect(200);
    expect(closed.body.data).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    await market.closeOpportunity(t, fresh, opportunityId).expect(409);
    await market.editOpportunity(t, fresh, opportunityId, { title: 'Renamed' }).expect(409);
    await market.addSlot(t, fresh, opportunityId, slot).expect(409);
  });

  it('refuses a negative or fractional rate, bad currency and bad slots', async () => {
    const project = await t.http().post(api('/projects')).set(client.auth).send({ name: 'Rates' }).expect(201);
    const url = api(`/projects/${project.body.data.id}/opportunities`);
    for (const rateMinor of [-100, 12.5, 0, '100']) {
      const res = await t
        .http()
        .post(url)
        .set(client.auth)
        .send({ ...opportunityBody, rateMinor })
        .expect(400);
      expect(res.body).toMatchObject({ success: false, error: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'rateMinor' })] });
    }
    await t
      .http()
      .post(url)
      .set(client.auth)
      .send({ ...opportunityBody, currency: 'rupees' })
      .expect(400);
    await t
      .http()
      .post(url)
      .set(client.auth)
      .send({ ...opportunityBody, capacity: 0 })
      .expect(400);
    await t
      .http()
      .post(url)
      .set(client.auth)
      .send({ ...opportunityBody, minCefrLevel: 'Z9' })
      .expect(400);
    const { opportunityId } = await draftOpportunity(client);
    await market.addSlot(t, client, opportunityId, { ...slot, endsAt: slot.startsAt }).expect(400);
    await market.addSlot(t, client, opportunityId, { ...slot, capacity: -1 }).expect(400);
    await market.editOpportunity(t, client, opportunityId, { rateMinor: 1.5 }).expect(400);
  });

  it('keeps projects and opportunities to their owner (404), and drafts from agents', async () => {
    const { projectId, opportunityId } = await draftOpportunity(client);
    await t
      .http()
      .get(api(`/projects/${projectId}`))
      .set(otherClient.auth)
      .expect(404);
    await t
      .http()
      .patch(api(`/projects/${projectId}`))
      .set(otherClient.auth)
      .send({ name: 'Mine' })
      .expect(404);
    await t
      .http()
      .post(api(`/projects/${projectId}/opportunities`))
      .set(otherClient.auth)
      .send(opportunityBody)
      .expect(404);
    await t
      .http()
      .get(api(`/opportunities/${opportunityId}`))
      .set(otherClient.auth)
      .expect(404);
    await market.editOpportunity(t, otherClient, opportunityId, { title: 'Mine now' }).expect(404);
    await market.addSlot(t, otherClient, opportunityId, slot).expect(404);
    await market.publishOpportunity(t, otherClient, opportunityId).expect(404);
    await market.closeOpportunity(t, otherClient, opportunityId).expect(404);
    await t
      .http()
      .get(api(`/opportunities/${opportunityId}`))
      .set(agent.auth)
      .expect(404);
    await t
      .http()
      .get(api(`/opportunities/${randomUUID()}`))
      .set(client.auth)
      .expect(404);
    await t
      .http()
      .get(api(`/projects/${randomUUID()}`))
      .set(client.auth)
      .expect(404);
    await t
      .http()
      .get(api(`/opportunities/${opportunityId}`))
      .set(admin.auth)
      .expect(200);

    const mine = await t.http().get(api('/projects')).set(client.auth).expect(200);
    expect(mine.body.data.items.every((p: { clientId: string }) => p.clientId === mine.body.data.items[0].clientId)).toBe(true);
    const theirs = await t.http().get(api('/projects')).set(otherClient.auth).expect(200);
    expect(theirs.body.data.items.map((p: { id: string }) => p.id)).not.toContain(projectId);
    const archived = await t
      .http()
      .patch(api(`/projects/${projectId}`))
      .set(client.auth)
      .send({ status: 'ARCHIVED' })
      .expect(200);
    expect(archived.body.data.status).toBe('ARCHIVED');
    await t
      .http()
      .post(api(`/projects/${projectId}/opportunities`))
      .set(client.auth)
      .send(opportunityBody)
      .expect(409);
  });

  it('answers the wrong role with 403', async () => {
    await t.http().post(api('/clients')).set(agent.auth).send({ organizationName: 'X Corp' }).expect(403);
    await t.http().get(api('/clients/me')).set(admin.auth).expect(403);
    await t.http().post(api('/projects')).set(agent.auth).send({ name: 'Nope' }).expect(403);
    await t.http().get(api('/projects')).set(agent.auth).expect(403);
    await t
      .http()
      .post(api(`/projects/${randomUUID()}/opportunities`))
      .set(admin.auth)
      .send(opportunityBody)
      .expect(403);
    await market.publishOpportunity(t, agent, randomUUID()).expect(403);
    await market.editOpportunity(t, agent, randomUUID(), { title: 'x' }).expect(403);
    await market.addSlot(t, agent, randomUUID(), slot).expect(403);
    await t.http().get(api('/opportunities')).expect(401);
  });

  it('changes requirements only as a DRAFT, and capacity never below the accepted count', async () => {
    const { opportunityId } = await draftOpportunity(client);
    await market.editOpportunity(t, client, opportunityId, { rateMinor: 30000, requiredSkills: ['Hindi'] }).expect(200);
    await market.addSlot(t, client, opportunityId, slot).expect(201);
    await market.publishOpportunity(t, client, opportunityId).expect(200);
    expect((await market.editOpportunity(t, client, opportunityId, { rateMinor: 1 }).expect(409)).body.error).toBe('INVALID_STATE');
    await t.prisma.opportunity.update({ where: { id: opportunityId }, data: { acceptedCount: 2, status: 'FILLED' } });
    expect((await market.editOpportunity(t, client, opportunityId, { capacity: 1 }).expect(409)).body.error).toBe('CAPACITY_BELOW_ACCEPTED');
    const reopened = await market.editOpportunity(t, client, opportunityId, { capacity: 3, title: 'More seats' }).expect(200);
    expect(reopened.body.data).toMatchObject({ status: 'OPEN', capacity: 3, title: 'More seats', rateMinor: 30000 });
  });

  it('lets only one of two racing publishes win', async () => {
    const { opportunityId } = await draftOpportunity(client);
    await market.addSlot(t, client, opportunityId, slot).expect(201);
    const results = await Promise.all([market.publishOpportunity(t, client, opportunityId), market.publishOpportunity(t, client, opportunityId)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('shows agents OPEN opportunities with eligibility and the reasons', async () => {
    const ready = await t.createUser({ role: 'AGENT' });
    await onboardAgent(t, ready, admin, { cefrLevel: 'B1', skills: ['support'] });
    const { opportunityId: hard } = await draftOpportunity(client, {
      ...opportunityBody,
      title: 'Needs C1 and hindi',
      minCefrLevel: 'C1',
      requiredSkills: ['hindi'],
      minExperienceMonths: 0,
    });
    const { opportunityId: easy } = await draftOpportunity(client, { ...opportunityBody, title: 'Easy one', minCefrLevel: 'A2', minExperienceMonths: 24 });
    for (const id of [hard, easy]) {
      await market.addSlot(t, client, id, slot).expect(201);
      await market.publishOpportunity(t, client, id).expect(200);
    }
    const list = await t.http().get(api('/opportunities?limit=100')).set(ready.auth).expect(200);
    const byId = new Map(list.body.data.items.map((o: { id: string }) => [o.id, o]));
    expect(list.body.data.items.every((o: { status: string }) => o.status === 'OPEN')).toBe(true);
    expect(byId.get(hard)).toMatchObject({ eligibility: { eligible: false, reasons: ['CEFR_TOO_LOW', 'MISSING_SKILLS'], missingSkills: ['hindi'] } });
    expect(byId.get(easy)).toMatchObject({ eligibility: { eligible: true, reasons: [] } });

    const eligibleOnly = await t.http().get(api('/opportunities?eligibleOnly=true&limit=100')).set(ready.auth).expect(200);
    const ids = eligibleOnly.body.data.items.map((o: { id: string }) => o.id);
    expect(ids).toContain(easy);
    expect(ids).not.toContain(hard);

    const newcomer = await t
      .http()
      .get(api(`/opportunities/${easy}`))
      .set(agent.auth)
      .expect(200);
    expect(newcomer.body.data.eligibility.reasons).toEqual(
      expect.arrayContaining(['ONBOARDING_INCOMPLETE', 'CEFR_TOO_LOW', 'MISSING_SKILLS', 'NOT_ENOUGH_EXPERIENCE']),
    );
    await t.http().get(api('/opportunities?eligibleOnly=maybe')).set(ready.auth).expect(400);

    const clientView = await t.http().get(api('/opportunities?status=OPEN&limit=100')).set(otherClient.auth).expect(200);
    expect(clientView.body.data.items.map((o: { id: string }) => o.id)).not.toContain(easy);
  });

  it('seeds a demo marketplace once, however often the seed runs', async () => {
    const options = { adminEmail: 'seed-admin@test.cx', adminPassword: 'Seed#Passw0rd!', demoData: true, bcryptRounds: 4, uploadDir: t.config.uploadDir };
    await seedDatabase(t.prisma, options);
    await seedDatabase(t.prisma, options);
    const opportunities = await t.prisma.opportunity.findMany({ where: { title: 'Weekend English chat support' }, include: { slots: true } });
    expect(opportunities).toHaveLength(1);
    expect(opportunities[0]).toMatchObject({ status: 'OPEN', rateMinor: 25000, currency: 'INR' });
    expect(opportunities[0].slots).toHaveLength(2);
    expect(await t.prisma.project.count({ where: { name: 'Holiday season support' } })).toBe(1);
  });
});
