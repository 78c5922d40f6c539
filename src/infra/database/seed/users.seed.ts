import bcrypt from 'bcrypt';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';
import type { SeedCheckClient, SeedOptions } from './seed.js';

export async function seedUsers(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  const adminEmail = options.adminEmail.toLowerCase();
  const [existingAdmin, existingDemo] = await Promise.all([
    prisma.user.findUnique({ where: { email: adminEmail }, select: { id: true } }),
    options.demoData ? prisma.user.findMany({ where: { email: { in: DEMO_USERS.map((demo) => demo.email) } }, select: { email: true } }) : [],
  ]);
  const missing = options.demoData ? DEMO_USERS.filter((demo) => !existingDemo.some((row) => row.email === demo.email)) : [];
  // The two hashes run side by side on libuv's thread pool.
  const [adminHash, demoHash] = await Promise.all([
    existingAdmin ? undefined : bcrypt.hash(options.adminPassword, options.bcryptRounds),
    missing.length ? bcrypt.hash(DEMO_PASSWORD, options.bcryptRounds) : undefined,
  ]);
  if (adminHash) {
    await prisma.user.create({ data: { email: adminEmail, name: 'Super Admin', role: 'SUPER_ADMIN', status: 'ACTIVE', passwordHash: adminHash } });
    options.log?.(`Seeded SUPER_ADMIN ${adminEmail}`);
  }
  if (demoHash) {
    await prisma.user.createMany({ data: missing.map((demo) => ({ ...demo, status: 'ACTIVE' as const, passwordHash: demoHash })), skipDuplicates: true });
  }
}

export async function usersSeeded(db: SeedCheckClient, options: SeedOptions): Promise<boolean> {
  const demoEmails = options.demoData ? DEMO_USERS.map((demo) => demo.email) : [];
  const { rows } = await db.query<{ done: boolean }>(
    'SELECT (SELECT count(*) FROM users WHERE email = $1) = 1 AND (SELECT count(*) FROM users WHERE email = ANY($2::text[])) = $3 AS done',
    [options.adminEmail.toLowerCase(), demoEmails, demoEmails.length],
  );
  return rows[0].done;
}
