import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { MAIL_QUEUE } from '../../../src/infra/mail/outgoing-mail.js';
import { JobQueue } from '../../../src/infra/queue/job-queue.js';
import { freshIp, uniqueEmail } from '../auth/auth-helpers.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

/** Every DATA the server received for one recipient, and how many more it refuses with a temporary error. */
interface Mailbox {
  attempts: string[];
  refuseNext: number;
}

/** A real SMTP server that refuses a recipient's mail a set number of times (451), then takes it. */
async function startFlakySmtp(): Promise<{ url: string; mailbox: (to: string, refuse: number) => Mailbox; close: () => Promise<void> }> {
  const boxes = new Map<string, Mailbox>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const box = boxes.get(session.envelope.rcptTo[0]?.address ?? '');
        box?.attempts.push(Buffer.concat(chunks).toString('utf8'));
        if (box && box.refuseNext > 0) {
          box.refuseNext -= 1;
          callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        } else callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mailbox: (to, refuse) => {
      const box = { attempts: [], refuseNext: refuse };
      boxes.set(to, box);
      return box;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const codeIn = (raw: string) => /\b(\d{6}) is your CX Platform code\b/.exec(raw)?.[1];

describe('Outgoing mail on the job queue (a real SMTP server that refuses, then accepts)', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startFlakySmtp>>;
  let admin: TestUser;

  /** Delivery is queued just after the answer: once the first attempt arrived, wait for the queue to settle. */
  const settled = async (box: Mailbox) => {
    const deadline = Date.now() + 3_000;
    while (box.attempts.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await t.app.get(JobQueue).idle(MAIL_QUEUE);
  };
  const failedMail = async () => (await t.http().get('/api/v1/jobs/failed?queue=mail').set(admin.auth).expect(200)).body.data.items as Record<string, unknown>[];

  beforeAll(async () => {
    smtp = await startFlakySmtp();
    t = await createTestApp({ SMTP_URL: smtp.url, JOB_BACKOFF_MS: '10' });
    admin = await t.createUser({ role: 'ADMIN' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('answers before delivery, retries a refused message with back-off and delivers it once', async () => {
    const email = uniqueEmail('flaky');
    const box = smtp.mailbox(email, 2);
    await t.http().post('/api/v1/otp/generate').set(freshIp()).send({ email, type: 'SIGNUP' }).expect(202);
    await settled(box);
    expect(box.attempts).toHaveLength(3);
    const code = codeIn(box.attempts[2]);
    expect(code).toMatch(/^\d{6}$/);
    expect(await failedMail()).toEqual([]);
    const verified = await t.http().post('/api/v1/otp/verify').set(freshIp()).send({ email, type: 'SIGNUP', code }).expect(200);
    expect(verified.body.data.verified).toBe(true);
  });

  it('lists mail refused on every attempt as failed, showing the recipient and never the code', async () => {
    const email = uniqueEmail('down');
    const box = smtp.mailbox(email, Number.POSITIVE_INFINITY);
    await t.http().post('/api/v1/otp/generate').set(freshIp()).send({ email, type: 'SIGNUP' }).expect(202);
    await settled(box);
    expect(box.attempts).toHaveLength(MAIL_QUEUE.attempts);
    const code = codeIn(box.attempts[0])!;
    expect(code).toMatch(/^\d{6}$/);
    const failed = await failedMail();
    expect(failed).toEqual([expect.objectContaining({ queue: 'mail', attempts: MAIL_QUEUE.attempts, summary: { to: email } })]);
    expect(JSON.stringify(failed)).not.toContain(code);
    expect(failed[0].error).toContain('Mailbox busy');
  });
});
