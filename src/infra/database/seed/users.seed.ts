import bcrypt from 'bcrypt';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';
import type { SeedOptions } from './seed.js';

export async function seedUsers(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  const adminEmail = options.adminEmail.toLowerCase();
  const existingAdmin = await prisma.user.findUnique({ where: { email: adminEmail }, select: { id: true } });
  if (!existingAdmin) {
    await prisma.user.create({
      data: {
        email: adminEmail,
        name: 'Super Admin',
        role: 'SUPER_ADMIN',
        status: 'ACTIVE',
        passwordHash: await bcrypt.hash(options.adminPassword, options.bcryptRounds),
      },
    });
    options.log?.(`Seeded SUPER_ADMIN ${adminEmail}`);
  }
  if (!options.demoData) return;
  const existing = await prisma.user.findMany({ where: { email: { in: DEMO_USERS.map((demo) => demo.email) } }, select: { email: true } });
  const missing = DEMO_USERS.filter((demo) => !existing.some((row) => row.email === demo.email));
  if (missing.length === 0) return;
  const demoHash = await bcrypt.hash(DEMO_PASSWORD, options.bcryptRounds);
  await prisma.user.createMany({ data: missing.map((demo) => ({ ...demo, status: 'ACTIVE' as const, passwordHash: demoHash })), skipDuplicates: true });
}
