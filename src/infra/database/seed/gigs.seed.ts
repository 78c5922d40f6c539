import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { SeedCheckClient, SeedOptions } from './seed.js';

const DEMO_CLIENT_EMAIL = 'client@demo.cx';
const DEMO_AGENT_EMAIL = 'agent@demo.cx';
const DEMO_PROJECT = 'Holiday season support';
const DEMO_OPPORTUNITY = 'Weekend English chat support';

/**
 * Demo marketplace: the demo client's organisation with one project and one OPEN opportunity with
 * two slots, and the demo agent's profile details (the agent still walks KYC and the rest). Finds
 * by natural keys (user email, project name, opportunity title) before creating, so reruns add nothing.
 */
export async function seedGigs(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  if (!options.demoData) return;
  const [clientUser, agentUser] = await Promise.all([
    prisma.user.findUnique({ where: { email: DEMO_CLIENT_EMAIL }, select: { id: true } }),
    prisma.user.findUnique({ where: { email: DEMO_AGENT_EMAIL }, select: { id: true } }),
  ]);
  if (agentUser) {
    await prisma.agentProfile.upsert({
      where: { userId: agentUser.id },
      update: {},
      create: { userId: agentUser.id, city: 'Bengaluru', country: 'IN', skills: ['support', 'english'], languages: ['en', 'hi'] },
    });
  }
  if (!clientUser) return;
  const client = await prisma.clientProfile.upsert({
    where: { userId: clientUser.id },
    update: {},
    create: { userId: clientUser.id, organizationName: 'Demo Retail Co', industry: 'Retail', country: 'IN' },
  });
  const project =
    (await prisma.project.findFirst({ where: { clientId: client.id, name: DEMO_PROJECT } })) ??
    (await prisma.project.create({ data: { clientId: client.id, name: DEMO_PROJECT, description: 'Extra hands for the festive rush' } }));
  const existing = await prisma.opportunity.findFirst({ where: { projectId: project.id, title: DEMO_OPPORTUNITY }, select: { id: true } });
  if (existing) return;
  const firstDay = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 10, 9));
  const hours = (h: number) => h * 60 * 60 * 1000;
  await prisma.opportunity.create({
    data: {
      projectId: project.id,
      clientId: client.id,
      title: DEMO_OPPORTUNITY,
      description: 'Answer order and delivery questions over chat.',
      requiredSkills: ['support', 'english'],
      minCefrLevel: 'B1',
      minExperienceMonths: 6,
      rateMinor: 25000,
      currency: 'INR',
      capacity: 5,
      status: 'OPEN',
      publishedAt: new Date(),
      slots: {
        create: [
          { startsAt: firstDay, endsAt: new Date(firstDay.getTime() + hours(4)), capacity: 3 },
          { startsAt: new Date(firstDay.getTime() + hours(24)), endsAt: new Date(firstDay.getTime() + hours(28)), capacity: 3 },
        ],
      },
    },
  });
  options.log?.('Seeded demo marketplace (client organisation, project, open opportunity)');
}

export async function gigsSeeded(db: SeedCheckClient, options: SeedOptions): Promise<boolean> {
  if (!options.demoData) return true;
  const { rows } = await db.query<{ done: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM agent_profiles a JOIN users u ON u.id = a.user_id WHERE u.email = $1)
        AND EXISTS (
          SELECT 1 FROM opportunities o JOIN projects p ON p.id = o.project_id JOIN client_profiles c ON c.id = p.client_id JOIN users u ON u.id = c.user_id
          WHERE u.email = $2 AND p.name = $3 AND o.title = $4) AS done`,
    [DEMO_AGENT_EMAIL, DEMO_CLIENT_EMAIL, DEMO_PROJECT, DEMO_OPPORTUNITY],
  );
  return rows[0].done;
}
