import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { CefrLevel } from '../../../generated/prisma/enums.js';
import type { SeedCheckClient, SeedOptions } from './seed.js';

const DEMO_CLIENT_EMAIL = 'client@demo.cx';
const DEMO_PROJECT = 'Holiday season support';
const DEMO_OPPORTUNITY = 'Weekend English chat support';

/** What the demo opportunity asks of an agent; the demo agent is seeded to meet it. */
export const DEMO_OPPORTUNITY_REQUIREMENTS: { requiredSkills: string[]; minCefrLevel: CefrLevel; minExperienceMonths: number } = {
  requiredSkills: ['support', 'english'],
  minCefrLevel: 'B1',
  minExperienceMonths: 6,
};

/** The demo client's organisation; each field is filled only while it is empty. */
const DEMO_ORGANISATION = {
  organizationName: 'Demo Retail Co',
  industry: 'Retail',
  country: 'IN',
  website: 'https://retail.demo.cx',
  description: 'An online store selling home goods across India.',
} as const;

/**
 * Demo marketplace: the demo client's organisation with one project and one OPEN opportunity with
 * two slots. Finds by natural keys (user email, project name, opportunity title) before creating, so
 * reruns add nothing; organisation fields the client has set are kept.
 */
export async function seedGigs(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  if (!options.demoData) return;
  const clientUser = await prisma.user.findUnique({ where: { email: DEMO_CLIENT_EMAIL }, select: { id: true, role: true } });
  if (clientUser?.role !== 'CLIENT') return;
  const current = await prisma.clientProfile.upsert({ where: { userId: clientUser.id }, update: {}, create: { userId: clientUser.id } });
  const missing = Object.fromEntries(Object.entries(DEMO_ORGANISATION).filter(([field]) => current[field as keyof typeof DEMO_ORGANISATION] === null));
  const client = Object.keys(missing).length ? await prisma.clientProfile.update({ where: { id: current.id }, data: missing }) : current;
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
      ...DEMO_OPPORTUNITY_REQUIREMENTS,
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
    `SELECT NOT EXISTS (SELECT 1 FROM users u WHERE u.email = $1 AND u.role = 'CLIENT')
        OR EXISTS (
          SELECT 1 FROM opportunities o JOIN projects p ON p.id = o.project_id JOIN client_profiles c ON c.id = p.client_id JOIN users u ON u.id = c.user_id
          WHERE u.email = $1 AND p.name = $2 AND o.title = $3
            AND c.organization_name IS NOT NULL AND c.industry IS NOT NULL AND c.country IS NOT NULL AND c.website IS NOT NULL AND c.description IS NOT NULL) AS done`,
    [DEMO_CLIENT_EMAIL, DEMO_PROJECT, DEMO_OPPORTUNITY],
  );
  return rows[0].done;
}
