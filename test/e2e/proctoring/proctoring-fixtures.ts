import { eventually } from '../../support/eventually.js';
import type { TestApp, TestUser } from '../../support/test-app.js';

/** A face descriptor: 128 values of `value`; two descriptors `d` apart in every component are d·√128 apart. */
export const descriptor = (value = 0.05) => Array.from({ length: 128 }, () => value);
/** Each component differs from descriptor(0.05) by 0.01 → distance 0.113: the same person. */
export const SAME_FACE = descriptor(0.06);
/** Each component differs by 0.2 → 2.26: another person. */
export const OTHER_FACE = descriptor(0.25);
/** Each component differs by 0.0575 → 0.65: within the manual-review margin. */
export const BORDERLINE_FACE = descriptor(0.1075);

export const GOOD_SYSTEM = {
  browserName: 'Chrome',
  browserVersion: '131.0.6778.86',
  os: 'windows',
  cameraAvailable: true,
  microphoneAvailable: true,
  networkSpeedMbps: 25,
  screenWidth: 1920,
  screenHeight: 1080,
  fullscreenSupported: true,
};

/** The accepted fill-blank answer: a string that appears nowhere a candidate may read. */
export const SECRET_FILL = 'has been waiting';

export function assessmentBody(overrides: Record<string, unknown> = {}, options: { speaking?: boolean; writing?: boolean } = {}) {
  const sections: Record<string, unknown>[] = [
    {
      title: 'Reading',
      weight: 50,
      questions: [
        { type: 'READING_MCQ', prompt: 'She ___ to work every day.', options: ['go', 'goes', 'going'], correctAnswers: ['goes'] },
        { type: 'AUDIO_MCQ', prompt: 'What time is the meeting?', mediaUrl: 'https://cdn.example.com/a1.mp3', options: ['9', '10'], correctAnswers: ['10'] },
      ],
    },
    {
      title: 'Grammar',
      weight: 50,
      questions: [{ type: 'FILL_BLANK', prompt: 'The customer ___ ___ ___ for an hour.', correctAnswers: [SECRET_FILL] }],
    },
  ];
  if (options.speaking) {
    sections.push({
      title: 'Speaking',
      weight: 50,
      questions: [{ type: 'SPEAKING', prompt: 'Read aloud: I would like to book a table tonight', correctAnswers: ['I would like to book a table tonight'] }],
    });
  }
  if (options.writing) {
    sections.push({ title: 'Writing', weight: 50, questions: [{ type: 'WRITING', prompt: 'Write a short apology to a customer whose order arrived late.' }] });
  }
  return { title: `English ${Math.random().toString(36).slice(2, 10)}`, timeLimitMinutes: 30, passingLevel: 'B1', sections, ...overrides };
}

export interface AuthoredAssessment {
  id: string;
  sections: { questions: { id: string; type: string; options: string[]; correctAnswers: string[] }[] }[];
}

export async function createAssessment(t: TestApp, admin: TestUser, body = assessmentBody()): Promise<AuthoredAssessment> {
  const res = await t.http().post('/api/v1/proctoring/assessments').set(admin.auth).send(body).expect(201);
  return res.body.data as AuthoredAssessment;
}

/** Contact verified, profile complete and KYC approved: the onboarding step is ASSESSMENT. */
export async function kycApproved(t: TestApp, agent: TestUser): Promise<void> {
  await t.prisma.user.update({ where: { id: agent.user.id }, data: { emailVerifiedAt: new Date() } });
  const data = { profileCompleted: true, kycStatus: 'APPROVED' as const };
  await t.prisma.agentProfile.upsert({ where: { userId: agent.user.id }, update: data, create: { userId: agent.user.id, ...data } });
}

/** System check passed, reference face set and identity verified: ready to start. */
export async function prepareCandidate(t: TestApp, candidate: TestUser): Promise<void> {
  await t.http().post('/api/v1/proctoring/system-checks').set(candidate.auth).send(GOOD_SYSTEM).expect(201);
  await t.http().put('/api/v1/proctoring/face-reference').set(candidate.auth).send({ descriptor: descriptor() }).expect(200);
  const verified = await t.http().post('/api/v1/proctoring/identity-verifications').set(candidate.auth).send({ descriptor: SAME_FACE }).expect(201);
  if (verified.body.data.status !== 'VERIFIED') throw new Error(`identity not verified: ${JSON.stringify(verified.body)}`);
}

export async function readyCandidate(t: TestApp): Promise<TestUser> {
  const candidate = await t.createUser({ role: 'AGENT' });
  await kycApproved(t, candidate);
  await prepareCandidate(t, candidate);
  return candidate;
}

export async function startSession(t: TestApp, candidate: TestUser, assessmentId: string) {
  const res = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId }).expect(201);
  return res.body.data as { id: string; deadline: string; sections: { questions: { id: string; type: string }[] }[] };
}

export const questionsOf = (assessment: AuthoredAssessment) => assessment.sections.flatMap((s) => s.questions);

/** The session's result once background scoring made it ready. */
export async function waitForResult(t: TestApp, user: TestUser, sessionId: string, timeoutMs = 10_000) {
  return eventually(
    async () => {
      const res = await t.http().get(`/api/v1/proctoring/sessions/${sessionId}/result`).set(user.auth).expect(200);
      expect(res.body.data).toMatchObject({ ready: true });
      return res.body.data;
    },
    { timeoutMs, intervalMs: 100, what: `the result of session ${sessionId}` },
  );
}

/** The answer once background scoring (or its last failed attempt) moved it to `status`. */
export async function answerReaches(t: TestApp, answerId: string, status: string, timeoutMs = 10_000) {
  return eventually(
    async () => {
      const answer = await t.prisma.answer.findUniqueOrThrow({ where: { id: answerId } });
      expect(answer.status).toBe(status);
      return answer;
    },
    { timeoutMs, what: `answer ${answerId} to be ${status}` },
  );
}

/** Posts a written (or chosen) answer. The caller checks the status. */
export function answerWithText(t: TestApp, candidate: TestUser, sessionId: string, questionId: string, response: string) {
  return t.http().post(`/api/v1/proctoring/sessions/${sessionId}/answers`).set(candidate.auth).send({ questionId, response });
}

/** Posts a spoken answer: a WAV recording unless `file` says otherwise. The caller checks the status. */
export function answerWithAudio(
  t: TestApp,
  candidate: TestUser,
  sessionId: string,
  questionId: string,
  file: { bytes: Buffer; filename: string; contentType: string } = { bytes: wavBytes(), filename: 'a.wav', contentType: 'audio/wav' },
) {
  return t
    .http()
    .post(`/api/v1/proctoring/sessions/${sessionId}/answers/audio`)
    .set(candidate.auth)
    .field('questionId', questionId)
    .attach('file', file.bytes, { filename: file.filename, contentType: file.contentType });
}

/** A minimal PCM WAV file: what file-type recognises as audio/wav. */
export function wavBytes(samples = 800): Buffer {
  const data = Buffer.alloc(samples * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export const PNG_1PX_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
