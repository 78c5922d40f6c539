import { jest } from '@jest/globals';
import { api, onboardAgent } from '../../support/marketplace.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

jest.setTimeout(60_000);

interface Listed {
  id: string;
  title: string;
  eligibility: { eligible: boolean; reasons: string[] };
}

/**
 * `eligibleOnly` is filtered by the database; the eligibility shown on each opportunity is judged in
 * code. Both must apply the same rule, and the filtered list must page and count like any other.
 */
describe('Opportunities an agent is eligible for', () => {
  let t: TestApp;
  let agent: TestUser;
  let newcomer: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.createUser({ role: 'ADMIN' });
    const client = await t.createUser({ role: 'CLIENT' });
    agent = await t.createUser({ role: 'AGENT' });
    newcomer = await t.createUser({ role: 'AGENT' });
    // B1, skills support + english, 36 months of experience (2020-01 to 2023-01).
    await onboardAgent(t, agent, admin, { cefrLevel: 'B1', skills: ['Support', 'english'] });

    const project = await t.http().post(api('/projects')).set(client.auth).send({ name: 'Eligibility matrix' }).expect(201);
    projectId = project.body.data.id;
    const { clientId } = await t.prisma.project.findUniqueOrThrow({ where: { id: projectId } });
    const levels = [null, 'A2', 'B1', 'B2', 'C2'] as const;
    const skillSets = [[], ['support'], ['support', 'english'], ['hindi'], ['SUPPORT', 'English']];
    const experience = [0, 36, 37];
    let n = 0;
    for (const minCefrLevel of levels) {
      for (const requiredSkills of skillSets) {
        for (const minExperienceMonths of experience) {
          n += 1;
          await t.prisma.opportunity.create({
            data: {
              projectId,
              clientId,
              title: `Matrix ${String(n).padStart(3, '0')}`,
              requiredSkills,
              minCefrLevel,
              minExperienceMonths,
              rateMinor: 1000 + n,
              currency: 'INR',
              capacity: 1,
              status: 'OPEN',
              publishedAt: new Date(),
              createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, n)),
              slots: { create: [{ startsAt: new Date('2030-02-01T09:00:00Z'), endsAt: new Date('2030-02-01T13:00:00Z'), capacity: 1 }] },
            },
          });
        }
      }
    }
    // Not listed for agents at all.
    await t.prisma.opportunity.create({ data: { projectId, clientId, title: 'Matrix draft', rateMinor: 1, currency: 'INR', capacity: 1, status: 'DRAFT' } });
  });
  afterAll(() => t.close());

  const list = async (who: TestUser, query: string) =>
    (
      await t
        .http()
        .get(api(`/opportunities?projectId=${projectId}&${query}`))
        .set(who.auth)
        .expect(200)
    ).body.data;

  it('lists exactly the opportunities whose eligibility says eligible, in the same order', async () => {
    const all = await list(agent, 'limit=100');
    expect(all.total).toBe(75);
    const eligible = (all.items as Listed[]).filter((o) => o.eligibility.eligible);
    // null/A2/B1 minimum × no skills, support, support+english, SUPPORT+English × 0 or 36 months.
    expect(eligible).toHaveLength(3 * 4 * 2);

    const filtered = await list(agent, 'eligibleOnly=true&limit=100');
    expect(filtered.total).toBe(eligible.length);
    expect(filtered.items).toEqual(eligible);
  });

  it('pages and counts the eligible list', async () => {
    const eligible = ((await list(agent, 'limit=100')).items as Listed[]).filter((o) => o.eligibility.eligible);
    const page = await list(agent, 'eligibleOnly=true&limit=5&page=2');
    expect(page).toMatchObject({ total: eligible.length, page: 2, limit: 5 });
    expect(page.items.map((o: Listed) => o.id)).toEqual(eligible.slice(5, 10).map((o) => o.id));
    const last = await list(agent, 'eligibleOnly=true&limit=5&page=5');
    expect(last.items.map((o: Listed) => o.id)).toEqual(eligible.slice(20, 25).map((o) => o.id));
    const past = await list(agent, 'eligibleOnly=true&limit=5&page=6');
    expect(past).toMatchObject({ items: [], total: eligible.length });
  });

  it('combines eligibility with the other filters', async () => {
    const all = ((await list(agent, 'skill=english&minRate=1040&limit=100')).items as Listed[]).filter((o) => o.eligibility.eligible);
    const filtered = await list(agent, 'eligibleOnly=true&skill=english&minRate=1040&limit=100');
    expect(filtered.items.map((o: Listed) => o.id)).toEqual(all.map((o) => o.id));
    expect(filtered.total).toBe(all.length);
  });

  it('lists nothing for an agent who has not finished onboarding', async () => {
    const listed = await list(newcomer, 'limit=100');
    expect(listed.total).toBe(75);
    expect((listed.items as Listed[]).every((o) => o.eligibility.reasons.includes('ONBOARDING_INCOMPLETE'))).toBe(true);
    expect(await list(newcomer, 'eligibleOnly=true')).toMatchObject({ items: [], total: 0 });
  });
});
