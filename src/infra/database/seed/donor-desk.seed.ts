import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { SeedCheckClient, SeedOptions } from './seed.js';

/**
 * Two demo donor queries for the desk (one waiting in the queue, one resolved). Their token hashes
 * are hashes of fixed labels, not of any issuable token, so no one can open them as a donor.
 */
const DEMO_QUERIES = [
  {
    key: 'demo-donor-query-waiting',
    donor: 'Dana Donor',
    donorId: 'DEMO-DNR-1',
    test: 'Hearing screening',
    stage: 'Calibration',
    device: 'iPhone 15',
    status: 'IN_PROGRESS' as const,
    messages: ['The test stops at the calibration step, what should I do?'],
  },
  {
    key: 'demo-donor-query-resolved',
    donor: 'rui@example.org',
    donorId: 'DEMO-DNR-2',
    test: 'Vision test',
    stage: 'Contrast',
    device: 'Pixel 9',
    status: 'RESOLVED' as const,
    messages: ['The screen is too dark for the contrast step.'],
  },
];

const demoTokenHash = (key: string) => createHash('sha256').update(key).digest('hex');

export async function seedDonorDesk(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  if (!options.demoData) return;
  for (const demo of DEMO_QUERIES) {
    const accessTokenHash = demoTokenHash(demo.key);
    if (await prisma.donorQuery.findUnique({ where: { accessTokenHash }, select: { id: true } })) continue;
    const { key: _key, messages, ...fields } = demo;
    await prisma.donorQuery.create({
      data: {
        ...fields,
        accessTokenHash,
        waitingSince: demo.status === 'IN_PROGRESS' ? new Date() : null,
        resolvedAt: demo.status === 'RESOLVED' ? new Date() : null,
        messages: { create: messages.map((content) => ({ senderKind: 'DONOR' as const, messageType: 'QUERY' as const, content })) },
      },
    });
    options.log?.(`Seeded demo donor query ${demo.donorId}`);
  }
}

export async function donorDeskSeeded(db: SeedCheckClient, options: SeedOptions): Promise<boolean> {
  if (!options.demoData) return true;
  const hashes = DEMO_QUERIES.map((demo) => demoTokenHash(demo.key));
  const { rows } = await db.query<{ found: number }>('SELECT count(*)::int AS found FROM donor_queries WHERE access_token_hash = ANY($1::text[])', [hashes]);
  return rows[0].found === hashes.length;
}
