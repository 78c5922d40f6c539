import { fcmServiceAccount } from '../../support/notifications.js';
import { jest } from '@jest/globals';
import { MAIL_QUEUE } from '../../../src/infra/mail/outgoing-mail.js';
import { JobQueue, type QueueDefinition } from '../../../src/infra/queue/job-queue.js';
import { SMS_QUEUE } from '../../../src/infra/sms/outgoing-sms.js';
import { PUSH_QUEUE } from '../../../src/modules/notifications/push.jobs.js';
import { NotificationsService } from '../../../src/modules/notifications/notifications.service.js';
import { SPEECH_SCORING_QUEUE, WRITING_SCORING_QUEUE } from '../../../src/modules/proctoring/answer-scoring.jobs.js';
import { eventually } from '../../support/eventually.js';
import { startSmtpStandIn, type SmtpStandIn } from '../../support/smtp-stand-in.js';
import { openAiChatCompletion } from '../../support/openai-stand-in.js';
import { sendJson, StandInServer, startStandInServer } from '../../support/stand-in-server.js';
import { createTestApp, TestApp, TestUser } from '../../support/test-app.js';
import { freshIp, uniqueEmail, uniquePhone } from '../auth/auth-helpers.js';
import {
  answerReaches,
  answerWithAudio,
  answerWithText,
  assessmentBody,
  AuthoredAssessment,
  createAssessment,
  questionsOf,
  readyCandidate,
  startSession,
} from '../proctoring/proctoring-fixtures.js';

// Each case lets a job fail through all its attempts first; the machine is shared with other suites.
jest.setTimeout(60_000);

const PROJECT = 'cx-retry-test';
const FCM_SEND = `/v1/projects/${PROJECT}/messages:send`;
const DEVICE = 'fcm-device-of-the-retry-target';
const TRANSCRIPT_ID = 'transcript-retry';

interface FailedItem {
  id: string;
  queue: string;
  summary: Record<string, unknown>;
}

describe('Retrying a failed job runs it again, or is refused with 409', () => {
  let t: TestApp;
  let admin: TestUser;
  let smtp: SmtpStandIn;
  let google: StandInServer;
  const assemblyAi: { current?: StandInServer } = {};
  let openAi: StandInServer;
  const up = { fcm: false, assemblyAi: false, openAi: false };
  let assessment: AuthoredAssessment;

  const failedOf = async (queue: string): Promise<FailedItem[]> =>
    (await t.http().get(`/api/v1/jobs/failed?queue=${queue}&limit=100`).set(admin.auth).expect(200)).body.data.items as FailedItem[];
  /** Waits until a new entry of `queue` matching `match` is in the failed list (every attempt used up). */
  const newFailure = (queue: QueueDefinition<never>, match: (item: FailedItem) => boolean): Promise<FailedItem> =>
    eventually(async () => (await failedOf(queue.name)).find(match) ?? false, { timeoutMs: 15_000, intervalMs: 50, what: `a failed ${queue.name} job` });
  const retry = (id: string) => t.http().post(`/api/v1/jobs/failed/${id}/retry`).set(admin.auth);
  const idle = (queue: QueueDefinition<never>) => t.app.get(JobQueue).idle(queue);

  beforeAll(async () => {
    smtp = await startSmtpStandIn();
    google = await startStandInServer({
      'POST /token': (_req, res) => sendJson(res, 200, { access_token: 'ya29.stand-in', expires_in: 3600, token_type: 'Bearer' }),
      [`POST ${FCM_SEND}`]: (_req, res) =>
        up.fcm
          ? sendJson(res, 200, { name: `projects/${PROJECT}/messages/1` })
          : sendJson(res, 500, { error: { code: 500, message: 'Internal error', status: 'INTERNAL' } }),
    });
    assemblyAi.current = await startStandInServer({
      'POST /v2/upload': (_req, res) => sendJson(res, 200, { upload_url: `${assemblyAi.current!.url}/files/upload-1` }),
      'POST /v2/transcript': (_req, res) =>
        up.assemblyAi ? sendJson(res, 200, { id: TRANSCRIPT_ID, status: 'queued' }) : sendJson(res, 500, { error: 'internal failure' }),
      [`GET /v2/transcript/${TRANSCRIPT_ID}`]: (_req, res) =>
        sendJson(res, 200, {
          id: TRANSCRIPT_ID,
          status: 'completed',
          text: 'I would like to book a table tonight',
          words: 'I would like to book a table tonight'
            .split(' ')
            .map((text, i) => ({ text, confidence: 0.9, start: i * 400, end: i * 400 + 300, speaker: null })),
        }),
    });
    openAi = await startStandInServer({
      'POST /v1/chat/completions': (_req, res) =>
        up.openAi
          ? sendJson(res, 200, openAiChatCompletion(JSON.stringify({ grammar: 80, coherence: 90, vocabulary: 70, feedback: 'Clear.' })))
          : sendJson(res, 500, { error: { message: 'overloaded', type: 'server_error' } }),
    });
    t = await createTestApp({
      JOB_BACKOFF_MS: '10',
      DONOR_REMINDER_SCAN_MS: '0',
      SMTP_URL: smtp.url,
      FIREBASE_SERVICE_ACCOUNT: fcmServiceAccount(PROJECT),
      FIREBASE_API_ORIGIN: google.url,
      ASSEMBLYAI_API_KEY: 'aai-test-key',
      ASSEMBLYAI_BASE_URL: assemblyAi.current.url,
      ASSEMBLYAI_POLL_INTERVAL_MS: '20',
      PROCTORING_WRITING_AI_API_KEY: 'sk-test',
      PROCTORING_WRITING_AI_BASE_URL: `${openAi.url}/v1`,
    });
    admin = await t.createUser({ role: 'ADMIN' });
    assessment = await createAssessment(t, admin, assessmentBody({}, { speaking: true, writing: true }));
    // The dev outbox is the SMS channel; a trigger plays a gateway that refuses one number until told otherwise.
    await t.prisma.$executeRawUnsafe(`CREATE TABLE sms_gateway_down (recipient text PRIMARY KEY)`);
    await t.prisma.$executeRawUnsafe(`
      CREATE FUNCTION refuse_sms() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.channel = 'SMS' AND EXISTS (SELECT 1 FROM sms_gateway_down WHERE recipient = NEW.recipient) THEN
          RAISE EXCEPTION 'SMS gateway refused the message';
        END IF;
        RETURN NEW;
      END $$`);
    await t.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_sms BEFORE INSERT ON dev_outbox FOR EACH ROW EXECUTE FUNCTION refuse_sms()`);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([smtp.close(), google.close(), assemblyAi.current?.close(), openAi.close()]);
  });

  it('mail: the retried message is delivered', async () => {
    const email = uniqueEmail('retry-mail');
    smtp.down = true;
    await t.http().post('/api/v1/otp/generate').set(freshIp()).send({ email, type: 'SIGNUP' }).expect(202);
    const failed = await newFailure(MAIL_QUEUE as QueueDefinition<never>, (item) => item.summary.to === email);
    smtp.down = false;
    await retry(failed.id).expect(200);
    await idle(MAIL_QUEUE as QueueDefinition<never>);
    expect(smtp.to(email).filter((mail) => mail.accepted)).toHaveLength(1);
    expect((await failedOf('mail')).map((item) => item.id)).not.toContain(failed.id);
  });

  it('SMS: the retried message is sent', async () => {
    const phone = uniquePhone();
    await t.prisma.$executeRawUnsafe(`INSERT INTO sms_gateway_down VALUES ($1)`, phone);
    await t.http().post('/api/v1/otp/generate').set(freshIp()).send({ phone, type: 'SIGNUP' }).expect(202);
    const failed = await newFailure(SMS_QUEUE as QueueDefinition<never>, (item) => item.summary.to === phone);
    expect(await t.prisma.outboxMessage.count({ where: { recipient: phone } })).toBe(0);
    await t.prisma.$executeRawUnsafe(`DELETE FROM sms_gateway_down WHERE recipient = $1`, phone);
    await retry(failed.id).expect(200);
    await idle(SMS_QUEUE as QueueDefinition<never>);
    const sent = await t.prisma.outboxMessage.findMany({ where: { recipient: phone } });
    expect(sent).toEqual([expect.objectContaining({ channel: 'SMS', body: expect.stringMatching(/\b\d{6}\b/) })]);
  });

  it('push: the retried notification is pushed', async () => {
    const target = await t.createUser({ role: 'ADMIN' });
    await t.prisma.user.update({ where: { id: target.user.id }, data: { fcmToken: DEVICE } });
    const sendsToTarget = () =>
      google.requests.filter((r) => r.path === FCM_SEND && (r.body as { message: { token: string } }).message.token === DEVICE).length;
    up.fcm = false;
    await t.http().post('/api/v1/donor-queries').send({ donor: 'Nia', donorId: 'N-7', test: 'Vision', message: 'Please help' }).expect(201);
    await t.app.get(NotificationsService).settled();
    const failed = await newFailure(PUSH_QUEUE as QueueDefinition<never>, (item) => item.summary.userId === target.user.id);
    const before = sendsToTarget();
    up.fcm = true;
    await retry(failed.id).expect(200);
    await idle(PUSH_QUEUE as QueueDefinition<never>);
    expect(sendsToTarget()).toBe(before + 1);
  });

  it('speech: the retried job transcribes and scores the answer again', async () => {
    up.assemblyAi = false;
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    const speaking = questionsOf(assessment).find((q) => q.type === 'SPEAKING')!;
    const spoken = await answerWithAudio(t, candidate, session.id, speaking.id).expect(200);
    const answerId: string = spoken.body.data.id;
    const failed = await newFailure(SPEECH_SCORING_QUEUE as QueueDefinition<never>, (item) => item.summary.answerId === answerId);
    await answerReaches(t, answerId, 'PENDING_MANUAL');

    up.assemblyAi = true;
    const requestsBefore = assemblyAi.current!.requests.length;
    await retry(failed.id).expect(200);
    await answerReaches(t, answerId, 'SCORED');
    const calls = assemblyAi.current!.requests.slice(requestsBefore).map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual(expect.arrayContaining(['POST /v2/upload', 'POST /v2/transcript', `GET /v2/transcript/${TRANSCRIPT_ID}`]));
    expect(await t.prisma.answer.findUniqueOrThrow({ where: { id: answerId }, include: { speakingEvaluation: true } })).toMatchObject({
      scoredBy: 'SPEECH',
      speakingEvaluation: { provider: 'assemblyai', providerRef: TRANSCRIPT_ID },
    });
    expect((await failedOf('speech-scoring')).map((item) => item.id)).not.toContain(failed.id);
  });

  it('writing: the retried job scores the answer again', async () => {
    up.openAi = false;
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    const writing = questionsOf(assessment).find((q) => q.type === 'WRITING')!;
    const written = await answerWithText(t, candidate, session.id, writing.id, 'Dear customer, we are sorry for the delay.').expect(200);
    const answerId: string = written.body.data.id;
    const failed = await newFailure(WRITING_SCORING_QUEUE as QueueDefinition<never>, (item) => item.summary.answerId === answerId);
    await answerReaches(t, answerId, 'PENDING_MANUAL');

    up.openAi = true;
    const callsBefore = openAi.requests.length;
    await retry(failed.id).expect(200);
    await answerReaches(t, answerId, 'SCORED');
    expect(openAi.requests.length).toBe(callsBefore + 1);
    expect(await t.prisma.answer.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({ scoredBy: 'AI', score: 0.8 });
  });

  it('refuses (409) to retry scoring an answer that a person has scored since, and keeps the entry', async () => {
    up.openAi = false;
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    const writing = questionsOf(assessment).find((q) => q.type === 'WRITING')!;
    const written = await answerWithText(t, candidate, session.id, writing.id, 'Sorry!').expect(200);
    const answerId: string = written.body.data.id;
    const failed = await newFailure(WRITING_SCORING_QUEUE as QueueDefinition<never>, (item) => item.summary.answerId === answerId);
    await answerReaches(t, answerId, 'PENDING_MANUAL');
    await t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth).expect(200);
    await t.http().patch(`/api/v1/proctoring/answers/${answerId}/review`).set(admin.auth).send({ score: 60 }).expect(200);

    up.openAi = true;
    const callsBefore = openAi.requests.length;
    const refused = await retry(failed.id).expect(409);
    expect(refused.body).toMatchObject({ success: false, error: 'JOB_OBSOLETE', message: expect.stringContaining('scored') });
    expect(openAi.requests.length).toBe(callsBefore);
    expect(await t.prisma.answer.findUniqueOrThrow({ where: { id: answerId } })).toMatchObject({ status: 'SCORED', scoredBy: 'STAFF', score: 0.6 });
    expect((await failedOf('writing-scoring')).map((item) => item.id)).toContain(failed.id);
  });
});
