import type { PrismaClient } from '../../../generated/prisma/client.js';
import { DEMO_USERS } from './demo-users.js';
import type { SeedOptions } from './seed.js';

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
