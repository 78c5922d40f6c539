import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestApp, TestApp } from '../../support/test-app.js';
import { freshIp, uniqueEmail } from './auth-helpers.js';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on a local port, so nodemailer's SMTP client runs for real. */
async function startSmtpServer(): Promise<{ url: string; mails: ReceivedMail[]; next: () => Promise<ReceivedMail>; close: () => Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const waiters: ((mail: ReceivedMail) => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        };
        mails.push(mail);
        waiters.shift()?.(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    next: () => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no mail within 5 s')), 5_000);
      waiters.push((mail) => {
        clearTimeout(timer);
        resolve(mail);
      });
    }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('Mail over a real SMTP server', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'CX Test <otp@cx.test>' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers the OTP by SMTP (not to the dev outbox) and the code verifies', async () => {
    const email = uniqueEmail('smtp');
    const arrived = smtp.next();
    await t.http().post('/api/v1/otp/generate').set(freshIp()).send({ email, type: 'SIGNUP' }).expect(202);
    const mail = await arrived;
    expect(mail.from).toBe('otp@cx.test');
    expect(mail.to).toEqual([email]);
    const code = /\b(\d{6}) is your CX Platform code\b/.exec(mail.raw)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(await t.prisma.outboxMessage.count()).toBe(0);
    const verified = await t.http().post('/api/v1/otp/verify').set(freshIp()).send({ email, type: 'SIGNUP', code }).expect(200);
    expect(verified.body.data.verified).toBe(true);
  });
});
