import { eventually } from '../../support/eventually.js';
import { startSmtpStandIn, type SmtpStandIn } from '../../support/smtp-stand-in.js';
import { createTestApp, TestApp } from '../../support/test-app.js';
import { freshIp, uniqueEmail } from './auth-helpers.js';

describe('Mail over a real SMTP server', () => {
  let t: TestApp;
  let smtp: SmtpStandIn;

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    t = await createTestApp({ SMTP_URL: smtp.url, MAIL_FROM: 'CX Test <otp@cx.test>' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('delivers the OTP by SMTP (not to the dev outbox) and the code verifies', async () => {
    const email = uniqueEmail('smtp');
    await t.http().post('/api/v1/otp/generate').set(freshIp()).send({ email, type: 'SIGNUP' }).expect(202);
    const [mail] = await eventually(
      () => {
        const mails = smtp.to(email);
        expect(mails).toHaveLength(1);
        return mails;
      },
      { what: `the mail to ${email}` },
    );
    expect(mail.accepted).toBe(true);
    expect(mail.from).toBe('otp@cx.test');
    expect(mail.to).toEqual([email]);
    const code = /\b(\d{6}) is your CX Platform code\b/.exec(mail.raw)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    expect(await t.prisma.outboxMessage.count()).toBe(0);
    const verified = await t.http().post('/api/v1/otp/verify').set(freshIp()).send({ email, type: 'SIGNUP', code }).expect(200);
    expect(verified.body.data.verified).toBe(true);
  });
});
