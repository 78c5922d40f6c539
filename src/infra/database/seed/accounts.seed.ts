import type { PrismaClient } from '../../../generated/prisma/client.js';
import { DEMO_USERS } from './demo-users.js';
import type { SeedCheckClient, SeedOptions } from './seed.js';

/**
 * Makes the demo accounts look like accounts that signed up: email verified, and the profile row their
 * role has (agent, client). Idempotent: only fills what is missing.
 */
export async function seedAccounts(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  if (!options.demoData) return;
  const now = new Date();
  for (const demo of DEMO_USERS) {
    const user = await prisma.user.findUnique({ where: { email: demo.email }, select: { id: true, role: true, emailVerifiedAt: true } });
    if (!user) continue;
    if (!user.emailVerifiedAt) await prisma.user.update({ where: { id: user.id }, data: { emailVerifiedAt: now } });
    if (user.role === 'AGENT') await prisma.agentProfile.upsert({ where: { userId: user.id }, create: { userId: user.id }, update: {} });
    if (user.role === 'CLIENT') await prisma.clientProfile.upsert({ where: { userId: user.id }, create: { userId: user.id }, update: {} });
  }
  options.log?.('Seeded demo account verification and profiles');
}

export async function accountsSeeded(db: SeedCheckClient, options: SeedOptions): Promise<boolean> {
  if (!options.demoData) return true;
  const { rows } = await db.query<{ done: boolean }>(
    `SELECT NOT EXISTS (
       SELECT 1 FROM users u WHERE u.email = ANY($1::text[]) AND (
         u.email_verified_at IS NULL
         OR (u.role = 'AGENT' AND NOT EXISTS (SELECT 1 FROM agent_profiles p WHERE p.user_id = u.id))
         OR (u.role = 'CLIENT' AND NOT EXISTS (SELECT 1 FROM client_profiles p WHERE p.user_id = u.id)))
     ) AS done`,
    [DEMO_USERS.map((demo) => demo.email)],
  );
  return rows[0].done;
}
