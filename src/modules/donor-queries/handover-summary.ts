import type { DonorMessage, DonorQuery } from '../../generated/prisma/client.js';

/** The handover note a receiving admin reads first: who, what, where it stands, and the latest words. */
export function buildHandoverSummary(
  query: Pick<DonorQuery, 'donor' | 'donorId' | 'test' | 'stage' | 'device' | 'createdAt'>,
  context: { fromName: string; note: string; recent: Pick<DonorMessage, 'content'>[]; messageCount: number },
): string {
  const about = [query.test && `test ${query.test}`, query.stage && `stage ${query.stage}`, query.device && `device ${query.device}`]
    .filter(Boolean)
    .join(', ');
  const lines = [
    `Donor ${query.donor} (${query.donorId})${about ? `, ${about}` : ''}; open since ${query.createdAt.toISOString()}, ${context.messageCount} messages.`,
    `Transferred by ${context.fromName}: ${context.note}`,
  ];
  if (context.recent.length) {
    lines.push('Latest from the donor:');
    for (const message of [...context.recent].reverse()) lines.push(`- ${message.content.slice(0, 300)}`);
  }
  return lines.join('\n');
}
