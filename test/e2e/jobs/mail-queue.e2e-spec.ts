import { MAIL_QUEUE } from '../../../src/infra/mail/outgoing-mail.js';
import { JobQueue } from '../../../src/infra/queue/job-queue.js';
import { freshIp, uniqueEmail } from '../auth/auth-helpers.js';
import { eventually } from '../../support/eventually.js';
import { startSmtpStandIn, type SmtpStandIn } from '../../support/smtp-stand-in.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';

const codeIn = (raw: string) => /\b(\d{6}) is your CX Platform code\b/.exec(raw)?.[1];

describe('Outgoing mail on the job queue (a real SMTP server that refuses, then accepts)', () => {
  let t: TestApp;
  let smtp: SmtpStandIn;
  let admin: TestUser;

  /** Delivery is queued just after the answer: once the first attempt arrived, wait for the queue to settle. */
  const settled = async (email: string) => {
    await eventually(() => expect(smtp.to(email).length).toBeGreaterThan(0), { what: `a first delivery attempt to ${email}` });
    await t.app.get(JobQueue).idle(MAIL_QUEUE);
    return smtp.to(email).map((mail) => mail.raw);
  };
  const failedMail = async () =>
    (await t.http().get('/api/v1/jobs/failed?queue=mail').set(admin.auth).expect(200)).body.data.items as Record<string, unknown>[];

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    t = await createTestApp({ SMTP_URL: smtp.url, JOB_BACKOFF_MS: '10' });
    admin = await t.createUser({ role: 'ADMIN' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('answers before delivery, retries a refused message with back-off and delivers it once', async () => {
    const email = uniqueEmail('flaky');
    smtp.refuse(email, 2);
    await t.http().post('/api/v1/otp/generate').set(freshIp()).send({ email, type: 'SIGNUP' }).expect(202);
    const attempts = await settled(email);
    expect(attempts).toHaveLength(3);
    expect(smtp.to(email).map((mail) => mail.accepted)).toEqual([false, false, true]);
    const code = codeIn(attempts[2]);
    expect(code).toMatch(/^\d{6}$/);
    expect(await failedMail()).toEqual([]);
    const verified = await t.http().post('/api/v1/otp/verify').set(freshIp()).send({ email, type: 'SIGNUP', code }).expect(200);
    expect(verified.body.data.verified).toBe(true);
  });

  it('lists mail refused on every attempt as failed, showing the recipient and never the code', async () => {
    const email = uniqueEmail('down');
    smtp.refuse(email, Number.POSITIVE_INFINITY);
    await t.http().post('/api/v1/otp/generate').set(freshIp()).send({ email, type: 'SIGNUP' }).expect(202);
    const attempts = await settled(email);
    expect(attempts).toHaveLength(MAIL_QUEUE.attempts);
    const code = codeIn(attempts[0])!;
    expect(code).toMatch(/^\d{6}$/);
    const failed = await failedMail();
    expect(failed).toEqual([expect.objectContaining({ queue: 'mail', attempts: MAIL_QUEUE.attempts, summary: { to: email } })]);
    expect(JSON.stringify(failed)).not.toContain(code);
    expect(failed[0].error).toContain('Mailbox busy');
  });
});
