import { Logger } from '@nestjs/common';
import type { FailedJobsRepository, NewFailedJob } from '../queue/failed-jobs.repository.js';
import { InProcessJobQueue } from '../queue/in-process-job-queue.js';
import { OutgoingSms, SMS_QUEUE } from '../sms/outgoing-sms.js';
import type { SmsProvider } from '../sms/sms.provider.js';
import type { MailProvider } from './mail.provider.js';
import { MAIL_QUEUE, OutgoingMail } from './outgoing-mail.js';

const OTP = { subject: 'Your verification code: 482913', text: '482913 is your CX Platform code to sign in.' };

function setup() {
  const recorded: NewFailedJob[] = [];
  const queue = new InProcessJobQueue({ record: (job: NewFailedJob) => Promise.resolve(void recorded.push(job)) } as unknown as FailedJobsRepository, 1);
  const sent: string[] = [];
  let failuresLeft = 0;
  const provider = {
    send: (message: { to: string }) => {
      if (failuresLeft-- > 0) return Promise.reject(new Error('gateway unavailable'));
      sent.push(message.to);
      return Promise.resolve();
    },
  };
  const mail = new OutgoingMail(queue, provider as unknown as MailProvider);
  const sms = new OutgoingSms(queue, provider as unknown as SmsProvider);
  mail.onModuleInit();
  sms.onModuleInit();
  queue.onApplicationBootstrap();
  return { queue, mail, sms, sent, recorded, failNext: (n: number) => (failuresLeft = n) };
}

describe('OutgoingMail and OutgoingSms', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('delivers through the provider after it failed a few times, recording nothing', async () => {
    const { queue, mail, sent, recorded, failNext } = setup();
    failNext(2);
    await mail.send({ to: 'a@b.cx', ...OTP });
    await queue.idle(MAIL_QUEUE);
    expect(sent).toEqual(['a@b.cx']);
    expect(recorded).toEqual([]);
    await queue.onModuleDestroy();
  });

  it('lists a message that failed every attempt with its recipient only: no code in the summary', async () => {
    const { queue, mail, sms, recorded, failNext } = setup();
    failNext(MAIL_QUEUE.attempts + SMS_QUEUE.attempts);
    await mail.send({ to: 'a@b.cx', ...OTP });
    await sms.send({ to: '+919800000000', text: OTP.text });
    await Promise.all([queue.idle(MAIL_QUEUE), queue.idle(SMS_QUEUE)]);
    expect(recorded.map(({ queue: name, summary, attempts }) => ({ name, summary, attempts })).sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { name: 'mail', summary: { to: 'a@b.cx' }, attempts: MAIL_QUEUE.attempts },
      { name: 'sms', summary: { to: '+919800000000' }, attempts: SMS_QUEUE.attempts },
    ]);
    expect(JSON.stringify(recorded.map((job) => job.summary))).not.toContain('482913');
    await queue.onModuleDestroy();
  });
});
