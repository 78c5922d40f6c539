import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { GigsSweeper } from '../../../src/modules/gigs/gigs.sweeper.js';
import { acceptedGig, api, onboardAgent, openOpportunity } from '../../support/marketplace.js';
import * as market from '../../support/marketplace-requests.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

// These walk many HTTP steps on a machine shared with other suites; Jest's 5 s default is too tight.
jest.setTimeout(60_000);

interface ReviewItem {
  id: string;
  gigId: string;
  opportunityTitle: string;
  clientName: string | null;
  rating: number;
  comment: string | null;
  publishedAt: string | null;
}

describe('Reviews that inform: an agent’s reviews, and ratings beside the facts clients and agents decide on', () => {
  let t: TestApp;
  let admin: TestUser;
  let support: TestUser;
  let acme: TestUser;
  let globex: TestUser;
  let agent: TestUser;
  let otherAgent: TestUser;
  let agentId: string;
  let otherAgentId: string;

  beforeAll(async () => {
    t = await createTestApp({ GIGS_REVIEW_WINDOW_DAYS: '14' });
    admin = await t.createUser({ role: 'ADMIN' });
    support = await t.createUser({ role: 'SUPPORT_AGENT' });
    acme = await t.createUser({ role: 'CLIENT' });
    globex = await t.createUser({ role: 'CLIENT' });
    await t.http().post(api('/clients')).set(acme.auth).send({ organizationName: 'Acme Retail' }).expect(201);
    await t.http().post(api('/clients')).set(globex.auth).send({ organizationName: 'Globex' }).expect(201);
    agent = await t.createUser({ role: 'AGENT' });
    otherAgent = await t.createUser({ role: 'AGENT' });
    agentId = await onboardAgent(t, agent, admin);
    otherAgentId = await onboardAgent(t, otherAgent, admin);
  });
  afterAll(() => t.close());

  let day = 0;
  /** A gig of `client` with `agent` whose (zero-minute) work the client approved, so both may review. */
  async function reviewableGig(client: TestUser, title: string): Promise<string> {
    day += 1;
    const startsAt = new Date(Date.UTC(2034, 0, 1) + day * 86_400_000);
    const { opportunityId } = await openOpportunity(t, client, {
      body: { title },
      slots: [{ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), capacity: 1 }],
    });
    const { gigId } = await acceptedGig(t, client, agent, opportunityId);
    const submission = await market.submitWork(t, agent, gigId, 'Done').expect(201);
    await market.reviewSubmission(t, client, submission.body.data.id, { decision: 'APPROVED' }).expect(200);
    return gigId;
  }

  const review = (user: TestUser, gigId: string, rating: number, comment?: string) => market.reviewGig(t, user, gigId, { rating, comment }).expect(201);
  const reviewsOf = (id: string, user: TestUser, query = '') => market.get(t, user, `/agents/${id}/reviews${query}`);

  let acmeGig: string;
  let globexGig: string;

  it('lists an agent’s reviews to clients and staff, double-blind, with paging', async () => {
    acmeGig = await reviewableGig(acme, 'Acme chat desk');
    globexGig = await reviewableGig(globex, 'Globex phones');
    await review(acme, acmeGig, 5, 'Calm with angry customers');
    await review(agent, acmeGig, 4, 'Clear briefs');
    // Globex reviewed too, but the agent did not review Globex: that review stays hidden (double-blind).
    await review(globex, globexGig, 3, 'Late twice');

    const seenByAcme = await reviewsOf(agentId, acme).expect(200);
    expect(seenByAcme.body.data).toMatchObject({ total: 1, page: 1, limit: 20 });
    expect(seenByAcme.body.data.items).toEqual([
      expect.objectContaining({
        gigId: acmeGig,
        opportunityTitle: 'Acme chat desk',
        clientName: 'Acme Retail',
        rating: 5,
        comment: 'Calm with angry customers',
        publishedAt: expect.any(String),
      }),
    ]);
    // Its author sees its own hidden review; nobody else but staff does.
    const seenByGlobex = (await reviewsOf(agentId, globex).expect(200)).body.data;
    expect(seenByGlobex.items.map((r: ReviewItem) => [r.clientName, r.rating, r.publishedAt === null])).toEqual([
      ['Globex', 3, true],
      ['Acme Retail', 5, false],
    ]);
    expect((await reviewsOf(agentId, support).expect(200)).body.data.total).toBe(2);
    expect((await reviewsOf(agentId, admin).expect(200)).body.data.total).toBe(2);
    // The agent reads the reviews about them that are published.
    expect((await reviewsOf(agentId, agent).expect(200)).body.data.items.map((r: ReviewItem) => r.rating)).toEqual([5]);
    // Reviews the agent wrote about clients are not reviews of the agent.
    expect(JSON.stringify(seenByAcme.body.data)).not.toContain('Clear briefs');

    const paged = (await reviewsOf(agentId, support, '?limit=1&page=2').expect(200)).body.data;
    expect(paged).toMatchObject({ total: 2, page: 2, limit: 1 });
    expect(paged.items).toHaveLength(1);
  });

  it('refuses other roles (403), hides other agents’ reviews from an agent and unknown agents (404), checks input (400)', async () => {
    const customer = await t.createUser({ role: 'CUSTOMER' });
    await reviewsOf(agentId, customer).expect(403);
    await t
      .http()
      .get(api(`/agents/${agentId}/reviews`))
      .expect(401);
    await reviewsOf(agentId, otherAgent).expect(404);
    await reviewsOf(otherAgentId, agent).expect(404);
    expect((await reviewsOf(otherAgentId, acme).expect(200)).body.data).toMatchObject({ items: [], total: 0 });
    await reviewsOf(randomUUID(), acme).expect(404);
    await reviewsOf('not-a-uuid', acme).expect(400);
    await reviewsOf(agentId, acme, '?limit=1000').expect(400);
  });

  it('shows the agent’s rating on application lists, counting published reviews only', async () => {
    const { opportunityId } = await openOpportunity(t, acme, { body: { title: 'Acme weekend' } });
    await market.applyTo(t, agent, opportunityId).expect(201);
    await market.applyTo(t, otherAgent, opportunityId).expect(201);
    const list = (await market.get(t, acme, `/applications?opportunityId=${opportunityId}`).expect(200)).body.data.items;
    const byAgent = Object.fromEntries(list.map((a: { agentId: string }) => [a.agentId, a]));
    expect(byAgent[agentId]).toMatchObject({ agentCefrLevel: 'C1', agentExperienceMonths: 36, agentRating: 5, agentReviewCount: 1 });
    expect(byAgent[otherAgentId]).toMatchObject({ agentRating: null, agentReviewCount: 0 });
    const one = await market.get(t, acme, `/applications/${byAgent[agentId].id}`).expect(200);
    expect(one.body.data).toMatchObject({ agentRating: 5, agentReviewCount: 1 });

    // Once the review window closes, the hidden review is published and counts.
    await t.prisma.review.updateMany({ where: { gigId: globexGig }, data: { createdAt: new Date(Date.now() - 15 * 86_400_000) } });
    expect((await t.app.get(GigsSweeper).sweep()).reviewsPublished).toBe(1);
    const after = (await market.get(t, acme, `/applications?opportunityId=${opportunityId}`).expect(200)).body.data.items;
    expect(after.find((a: { agentId: string }) => a.agentId === agentId)).toMatchObject({ agentRating: 4, agentReviewCount: 2 });
    expect((await reviewsOf(agentId, acme).expect(200)).body.data.total).toBe(2);
  });

  it('shows agents the client’s rating on the opportunities and gigs they see', async () => {
    const { opportunityId } = await openOpportunity(t, acme, { body: { title: 'Acme night shift' } });
    const one = (await market.get(t, otherAgent, `/opportunities/${opportunityId}`).expect(200)).body.data;
    expect(one).toMatchObject({ clientRating: 4, clientReviewCount: 1 });
    const list = (await t.http().get(api('/opportunities?limit=100')).set(otherAgent.auth).expect(200)).body.data.items;
    expect(list.find((o: { id: string }) => o.id === opportunityId)).toMatchObject({ clientRating: 4, clientReviewCount: 1 });
    const { opportunityId: globexOpportunity } = await openOpportunity(t, globex, { body: { title: 'Globex nights' } });
    const unrated = (await market.get(t, otherAgent, `/opportunities/${globexOpportunity}`).expect(200)).body.data;
    expect(unrated).toMatchObject({ clientRating: null, clientReviewCount: 0 });

    const gig = (await market.get(t, agent, `/gigs/${acmeGig}`).expect(200)).body.data;
    expect(gig).toMatchObject({ clientRating: 4, clientReviewCount: 1, agentRating: 4, agentReviewCount: 2 });
  });

  it('documents the route and the rating fields in Swagger', async () => {
    const docs = (await t.http().get('/docs-json').expect(200)).body;
    expect(docs.paths['/api/v1/agents/{id}/reviews'].get).toBeDefined();
    expect(docs.components.schemas.ApplicationResponseDto.properties).toHaveProperty('agentRating');
    expect(docs.components.schemas.OpportunityResponseDto.properties).toHaveProperty('clientRating');
    expect(docs.components.schemas.GigResponseDto.properties).toHaveProperty('clientRating');
  });
});
