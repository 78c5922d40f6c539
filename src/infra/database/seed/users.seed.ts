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
  const demoHash = await bcrypt.hash(DEMO_PASSWORD, options.bcryptRounds);
  for (const demo of DEMO_USERS) {
    await prisma.user.upsert({
      where: { email: demo.email },
      update: {},
      create: { ...demo, status: 'ACTIVE', passwordHash: demoHash },
    });
  }
}
