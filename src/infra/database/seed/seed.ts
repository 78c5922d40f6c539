import type { PrismaClient } from '../../../generated/prisma/client.js';
import { seedDonorDesk } from './donor-desk.seed.js';
import { seedAccounts } from './accounts.seed.js';
import { seedGigs } from './gigs.seed.js';
import { seedChat } from './chat.seed.js';
import { seedProctoring } from './proctoring.seed.js';
import { seedUsers } from './users.seed.js';

export interface SeedOptions {
  adminEmail: string;
  adminPassword: string;
  demoData: boolean;
  bcryptRounds: number;
  log?: (line: string) => void;
}

/**
 * Idempotent: every seeder upserts by a natural key, so running it again changes nothing. Domain
 * modules add their demo data as one more seeder in this list.
 */
const SEEDERS: ((prisma: PrismaClient, options: SeedOptions) => Promise<void>)[] = [seedUsers, seedDonorDesk, seedAccounts, seedGigs, seedChat, seedProctoring];

export async function seedDatabase(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  for (const seeder of SEEDERS) await seeder(prisma, options);
}
