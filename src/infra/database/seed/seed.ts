import { PrismaPg } from '@prisma/adapter-pg';
import { createDatabasePool } from '../database-pool.js';
import pg from 'pg';
import { PrismaClient } from '../../../generated/prisma/client.js';
import { accountsSeeded, seedAccounts } from './accounts.seed.js';
import { chatSeeded, seedChat } from './chat.seed.js';
import { demoAgentSeeded, seedDemoAgent } from './demo-agent.seed.js';
import { donorDeskSeeded, seedDonorDesk } from './donor-desk.seed.js';
import { gigsSeeded, seedGigs } from './gigs.seed.js';
import { proctoringSeeded, seedProctoring } from './proctoring.seed.js';
import { seedUsers, usersSeeded } from './users.seed.js';

export interface SeedOptions {
  adminEmail: string;
  adminPassword: string;
  demoData: boolean;
  bcryptRounds: number;
  /** The server's UPLOAD_DIR: the demo agent's photo and KYC documents are stored there, as uploads are. */
  uploadDir: string;
  log?: (line: string) => void;
}

/** What a seeder's check may run: one plain SQL query on the pg driver, no ORM. */
export type SeedCheckClient = Pick<pg.Client, 'query'>;

interface Seeder {
  seed(prisma: PrismaClient, options: SeedOptions): Promise<void>;
  /** True when everything `seed` would create is already there. */
  isSeeded(db: SeedCheckClient, options: SeedOptions): Promise<boolean>;
}

/**
 * Idempotent: every seeder upserts by a natural key, so running it again changes nothing. Domain
 * modules add their demo data as one more seeder here. The users come first (the others read them);
 * the middle lanes run side by side, except that accounts and gigs both fill the client's profile;
 * the demo agent comes last (the demo admin approves its KYC, it takes the demo assessment, and it
 * fills the profile row that accounts created).
 */
const USERS: Seeder = { seed: seedUsers, isSeeded: usersSeeded };
const AFTER_USERS: Seeder[][] = [
  [
    { seed: seedAccounts, isSeeded: accountsSeeded },
    { seed: seedGigs, isSeeded: gigsSeeded },
  ],
  [
    { seed: seedDonorDesk, isSeeded: donorDeskSeeded },
    { seed: seedChat, isSeeded: chatSeeded },
    { seed: seedProctoring, isSeeded: proctoringSeeded },
  ],
];
const LAST: Seeder = { seed: seedDemoAgent, isSeeded: demoAgentSeeded };

export async function seedDatabase(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  await USERS.seed(prisma, options);
  await Promise.all(
    AFTER_USERS.map(async (lane) => {
      for (const seeder of lane) await seeder.seed(prisma, options);
    }),
  );
  await LAST.seed(prisma, options);
}

const SEED_QUERY_TIMEOUT_MS = 60_000;

/**
 * The start-up seed of the embedded database: one cheap query per seeder asks whether its data is
 * all there, so a restart of a seeded database starts no Prisma client for it; anything missing
 * runs the whole (idempotent) seed.
 */
export async function seedDatabaseIfIncomplete(databaseUrl: string, options: SeedOptions): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    let complete = true;
    for (const seeder of [USERS, ...AFTER_USERS.flat(), LAST]) complete &&= await seeder.isSeeded(client, options);
    if (complete) return false;
  } finally {
    await client.end().catch(() => undefined);
  }
  // One query per connection at a time (the pool of the app), with room for the seed's slow first hashes.
  const pool = createDatabasePool({ connectionString: databaseUrl, max: 4, timeoutMs: SEED_QUERY_TIMEOUT_MS });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  try {
    await seedDatabase(prisma, options);
  } finally {
    await prisma.$disconnect();
  }
  return true;
}
