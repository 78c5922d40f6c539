import type { PrismaService } from '../../src/infra/database/prisma.service.js';
import { eventually } from './eventually.js';

/**
 * Reads what the dev outbox "sent" (mail and SMS without a real provider). OTP delivery happens just
 * after the HTTP answer, so these poll briefly.
 */
export async function waitForOutbox(prisma: PrismaService, recipient: string, options: { after?: Date; timeoutMs?: number } = {}) {
  return eventually(
    async () =>
      (await prisma.outboxMessage.findFirst({
        where: { recipient, ...(options.after ? { createdAt: { gt: options.after } } : {}) },
        orderBy: { createdAt: 'desc' },
      })) ?? false,
    { timeoutMs: options.timeoutMs ?? 3_000, what: `an outbox message to ${recipient}` },
  );
}

/** The six-digit code of the newest outbox message to `recipient`. */
export async function readOtp(prisma: PrismaService, recipient: string, options: { after?: Date; timeoutMs?: number } = {}): Promise<string> {
  const message = await waitForOutbox(prisma, recipient, options);
  const code = /\b(\d{6})\b/.exec(message.body)?.[1];
  if (!code) throw new Error(`The newest message to ${recipient} has no code: ${message.body}`);
  return code;
}

/** Resolves true if no message reached `recipient` within `ms` (for "must not send" assertions). */
export async function outboxStaysEmpty(prisma: PrismaService, recipient: string, ms = 400): Promise<boolean> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (await prisma.outboxMessage.count({ where: { recipient } })) === 0;
}
