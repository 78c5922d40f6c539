import { DomainEventMap, DomainEvents } from '../../../src/common/events/domain-events.js';
import { SessionSweeperService } from '../../../src/modules/proctoring/session-sweeper.service.js';
import type { TestApp, TestUser } from '../../support/test-app.js';
import { createTestApp } from '../../support/test-app.js';
import { eventually } from '../../support/eventually.js';
import { verifyContact } from '../../support/marketplace.js';
import {
  answerWithAudio,
  answerWithText,
  assessmentBody,
  AuthoredAssessment,
  createAssessment,
  descriptor,
  GOOD_SYSTEM,
  kycApproved,
  prepareCandidate,
  questionsOf,
  readyCandidate,
  SAME_FACE,
  SECRET_FILL,
  startSession,
  waitForResult,
  wavBytes,
} from './proctoring-fixtures.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('Proctoring: sessions, answers, deadline, scoring and CEFR', () => {
  let t: TestApp;
  let admin: TestUser;
  let assessment: AuthoredAssessment;
  const completed: DomainEventMap['assessment.completed'][] = [];

  beforeAll(async () => {
    // Offline defaults: no speech or writing provider, so those answers wait for a person.
    t = await createTestApp({ PROCTORING_SWEEP_INTERVAL_MS: '200' });
    t.app.get(DomainEvents).on('assessment.completed', (payload) => {
      completed.push(payload);
    });
    admin = await t.createUser({ role: 'ADMIN' });
    assessment = await createAssessment(t, admin);
  });
  afterAll(() => t.close());

  const expireSession = (sessionId: string) =>
    t.prisma.proctoringSession.update({ where: { id: sessionId }, data: { deadline: new Date(Date.now() - 1_000) } });

  describe('starting', () => {
    it('comes after KYC approval: before it, starting answers 409 with the step to do first', async () => {
      const candidate = await t.createUser({ role: 'AGENT' });
      await verifyContact(t, candidate);
      await prepareCandidate(t, candidate);
      const start = () => t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id });
      const profileFirst = await start().expect(409);
      expect(profileFirst.body).toMatchObject({
        success: false,
        error: 'ONBOARDING_ORDER',
        message: expect.stringMatching(/COMPLETE_PROFILE/),
        details: [expect.objectContaining({ field: 'nextStep', nextStep: 'COMPLETE_PROFILE' })],
      });
      await t.prisma.agentProfile.upsert({
        where: { userId: candidate.user.id },
        update: { profileCompleted: true, kycStatus: 'SUBMITTED' },
        create: { userId: candidate.user.id, profileCompleted: true, kycStatus: 'SUBMITTED' },
      });
      const kycFirst = await start().expect(409);
      expect(kycFirst.body).toMatchObject({
        error: 'ONBOARDING_ORDER',
        message: expect.stringMatching(/KYC/),
        details: [expect.objectContaining({ nextStep: 'KYC' })],
      });
      expect(await t.prisma.proctoringSession.count({ where: { userId: candidate.user.id } })).toBe(0);
      await t.prisma.agentProfile.update({ where: { userId: candidate.user.id }, data: { kycStatus: 'APPROVED' } });
      await start().expect(201);
    });

    it('refuses to start without a passed system check, then without a verified identity (409)', async () => {
      const candidate = await t.createUser({ role: 'AGENT' });
      await kycApproved(t, candidate);
      const noCheck = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id }).expect(409);
      expect(noCheck.body.error).toBe('SYSTEM_CHECK_REQUIRED');

      await t
        .http()
        .post('/api/v1/proctoring/system-checks')
        .set(candidate.auth)
        .send({ ...GOOD_SYSTEM, cameraAvailable: false })
        .expect(201);
      const failedCheck = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id }).expect(409);
      expect(failedCheck.body.error).toBe('SYSTEM_CHECK_REQUIRED');

      await t.http().post('/api/v1/proctoring/system-checks').set(candidate.auth).send(GOOD_SYSTEM).expect(201);
      const noIdentity = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id }).expect(409);
      expect(noIdentity.body.error).toBe('IDENTITY_NOT_VERIFIED');

      // An identity verified more than an hour ago no longer counts.
      await t.http().put('/api/v1/proctoring/face-reference').set(candidate.auth).send({ descriptor: descriptor() }).expect(200);
      await t.http().post('/api/v1/proctoring/identity-verifications').set(candidate.auth).send({ descriptor: SAME_FACE }).expect(201);
      await t.prisma.identityVerification.updateMany({ where: { userId: candidate.user.id }, data: { createdAt: new Date(Date.now() - 2 * 3_600_000) } });
      const stale = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id }).expect(409);
      expect(stale.body.error).toBe('IDENTITY_NOT_VERIFIED');
    });

    it('refuses bad input, other roles and unknown assessments', async () => {
      const candidate = await readyCandidate(t);
      const bad = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: 'abc' }).expect(400);
      expect(bad.body).toMatchObject({ success: false, error: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'assessmentId' })] });
      await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: NO_SUCH_ID }).expect(404);
      await t.http().post('/api/v1/proctoring/sessions').set(admin.auth).send({ assessmentId: assessment.id }).expect(403);
    });

    it('refuses a blacklisted candidate (403) until the entry is lifted', async () => {
      const candidate = await readyCandidate(t);
      await t.http().post('/api/v1/proctoring/blacklist').set(candidate.auth).send({ userId: candidate.user.id, reason: 'self' }).expect(403);
      await t.http().post('/api/v1/proctoring/blacklist').set(admin.auth).send({ userId: NO_SUCH_ID, reason: 'nobody' }).expect(404);
      await t.http().post('/api/v1/proctoring/blacklist').set(admin.auth).send({ userId: candidate.user.id }).expect(400);
      await t.http().post('/api/v1/proctoring/blacklist').set(admin.auth).send({ userId: candidate.user.id, reason: 'Impersonation' }).expect(201);
      await t.http().post('/api/v1/proctoring/blacklist').set(admin.auth).send({ userId: candidate.user.id, reason: 'again' }).expect(409);
      const listed = await t.http().get('/api/v1/proctoring/blacklist').set(admin.auth).expect(200);
      expect(listed.body.data.items.map((e: { userId: string }) => e.userId)).toContain(candidate.user.id);

      const refused = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id }).expect(403);
      expect(refused.body.error).toBe('BLACKLISTED');

      await t.http().delete(`/api/v1/proctoring/blacklist/${candidate.user.id}`).set(candidate.auth).expect(403);
      await t.http().delete(`/api/v1/proctoring/blacklist/${candidate.user.id}`).set(admin.auth).expect(204);
      await t.http().delete(`/api/v1/proctoring/blacklist/${candidate.user.id}`).set(admin.auth).expect(404);
      await startSession(t, candidate, assessment.id);
    });

    it('allows one active session: a second start is 409 and two racing starts cannot both win', async () => {
      const candidate = await readyCandidate(t);
      const [a, b] = await Promise.all([
        t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id }),
        t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id }),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      const again = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id }).expect(409);
      expect(again.body.error).toBe('SESSION_ALREADY_ACTIVE');
      expect(await t.prisma.proctoringSession.count({ where: { userId: candidate.user.id } })).toBe(1);
    });

    it('adds the extra-time allowance to the deadline', async () => {
      const candidate = await readyCandidate(t);
      await t.http().put(`/api/v1/proctoring/candidates/${candidate.user.id}/extra-time`).set(candidate.auth).send({ extraTimeMinutes: 15 }).expect(403);
      await t.http().put(`/api/v1/proctoring/candidates/${NO_SUCH_ID}/extra-time`).set(admin.auth).send({ extraTimeMinutes: 15 }).expect(404);
      await t.http().put(`/api/v1/proctoring/candidates/${candidate.user.id}/extra-time`).set(admin.auth).send({ extraTimeMinutes: 500 }).expect(400);
      await t.http().put(`/api/v1/proctoring/candidates/${candidate.user.id}/extra-time`).set(admin.auth).send({ extraTimeMinutes: 15 }).expect(200);
      const session = await startSession(t, candidate, assessment.id);
      const minutes = (new Date(session.deadline).getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(44);
      expect(minutes).toBeLessThanOrEqual(45);
    });
  });

  describe('answering', () => {
    it('never sends correct answers to the candidate', async () => {
      const candidate = await readyCandidate(t);
      const session = await startSession(t, candidate, assessment.id);
      const [mcq, , fill] = questionsOf(assessment);
      await answerWithText(t, candidate, session.id, mcq.id, 'goes').expect(200);
      await answerWithText(t, candidate, session.id, fill.id, 'x').expect(200);
      const reads = [
        await t.http().get(`/api/v1/proctoring/sessions/${session.id}`).set(candidate.auth).expect(200),
        await t.http().get(`/api/v1/proctoring/sessions/${session.id}/logs`).set(candidate.auth).expect(200),
        await t.http().get('/api/v1/proctoring/assessments').set(candidate.auth).expect(200),
        await t.http().get('/api/v1/proctoring/instructions').set(candidate.auth).expect(200),
        await t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth).expect(200),
        await t.http().get(`/api/v1/proctoring/sessions/${session.id}/result`).set(candidate.auth).expect(200),
        await t.http().get(`/api/v1/proctoring/assessments/${assessment.id}`).set(candidate.auth).expect(403),
      ];
      for (const res of reads) {
        const text = JSON.stringify(res.body);
        expect(text).not.toContain('correctAnswers');
        expect(text).not.toContain(SECRET_FILL);
        expect(text).not.toMatch(/"isCorrect"|"score":1\b/);
      }
      expect(reads[0].body.data.sections[0].questions[0]).toEqual({
        id: mcq.id,
        type: 'READING_MCQ',
        prompt: expect.any(String),
        mediaUrl: null,
        options: ['go', 'goes', 'going'],
        points: 1,
        position: 1,
      });
    });

    it('refuses a question of another assessment, a non-option and a speaking answer as text (400)', async () => {
      const candidate = await readyCandidate(t);
      const session = await startSession(t, candidate, assessment.id);
      const other = await createAssessment(t, admin, assessmentBody({}, { speaking: true }));
      const foreign = questionsOf(other)[0];
      const res = await answerWithText(t, candidate, session.id, foreign.id, 'goes').expect(400);
      expect(res.body.error).toBe('QUESTION_NOT_IN_ASSESSMENT');
      const [mcq] = questionsOf(assessment);
      const notOption = await answerWithText(t, candidate, session.id, mcq.id, 'went').expect(400);
      expect(notOption.body.error).toBe('INVALID_OPTION');
      const empty = await t.http().post(`/api/v1/proctoring/sessions/${session.id}/answers`).set(candidate.auth).send({ questionId: mcq.id }).expect(400);
      expect(empty.body.details[0].field).toBe('response');
    });

    it("answers 404 for another candidate's session and for a nonexistent one, 403 for staff", async () => {
      const owner = await readyCandidate(t);
      const intruder = await readyCandidate(t);
      const session = await startSession(t, owner, assessment.id);
      const [mcq] = questionsOf(assessment);
      const body = { questionId: mcq.id, response: 'goes' };
      await t.http().post(`/api/v1/proctoring/sessions/${session.id}/answers`).set(intruder.auth).send(body).expect(404);
      await t.http().post(`/api/v1/proctoring/sessions/${NO_SUCH_ID}/answers`).set(owner.auth).send(body).expect(404);
      await t.http().post(`/api/v1/proctoring/sessions/${session.id}/answers`).set(admin.auth).send(body).expect(403);
      await t.http().get(`/api/v1/proctoring/sessions/${session.id}`).set(intruder.auth).expect(404);
      await t.http().get(`/api/v1/proctoring/sessions/${session.id}/result`).set(intruder.auth).expect(404);
      await t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(intruder.auth).expect(404);
      await t.http().get(`/api/v1/proctoring/sessions/${session.id}`).set(admin.auth).expect(200);
      await t.http().get(`/api/v1/proctoring/sessions/${NO_SUCH_ID}`).set(admin.auth).expect(404);
    });

    it('refuses answers after the deadline (409) and submits the expired session', async () => {
      const candidate = await readyCandidate(t);
      const session = await startSession(t, candidate, assessment.id);
      await expireSession(session.id);
      const [mcq] = questionsOf(assessment);
      const res = await answerWithText(t, candidate, session.id, mcq.id, 'goes').expect(409);
      expect(res.body.error).toBe('DEADLINE_PASSED');
      const stored = await t.prisma.proctoringSession.findUniqueOrThrow({ where: { id: session.id } });
      expect(stored).toMatchObject({ status: 'ENDED', endReason: 'TIME_EXPIRED' });
      expect(await t.prisma.answer.count({ where: { userId: candidate.user.id } })).toBe(0);
    });

    it('refuses answers after submit, and a second submit (409); racing submits cannot both win', async () => {
      const candidate = await readyCandidate(t);
      const session = await startSession(t, candidate, assessment.id);
      const [a, b] = await Promise.all([
        t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth),
        t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const again = await t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth).expect(409);
      expect(again.body.error).toBe('SESSION_ENDED');
      const [mcq] = questionsOf(assessment);
      const late = await answerWithText(t, candidate, session.id, mcq.id, 'goes').expect(409);
      expect(late.body.error).toBe('SESSION_ENDED');
      expect(completed.filter((e) => e.userId === candidate.user.id)).toHaveLength(1);
    });
  });

  describe('scoring', () => {
    it('scores MCQ and fill-blank automatically, reaches a CEFR level and raises assessment.completed', async () => {
      const candidate = await readyCandidate(t);
      const session = await startSession(t, candidate, assessment.id);
      const [reading, audio, fill] = questionsOf(assessment);
      const answer = (questionId: string, response: string) => answerWithText(t, candidate, session.id, questionId, response).expect(200);
      await answer(reading.id, 'go');
      await answer(reading.id, 'goes'); // re-answering replaces the earlier answer
      await answer(audio.id, '9');
      const fillReceipt = await answer(fill.id, '  Has BEEN   waiting. ');
      expect(fillReceipt.body.data.status).toBe('SCORED');

      const submitted = await t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth).expect(200);
      // Reading 1 of 2 (50%) weighted 50, grammar 1 of 1 (100%) weighted 50 → 75 → B2.
      expect(submitted.body.data).toMatchObject({
        ready: true,
        status: 'COMPLETED',
        result: 'PASSED',
        score: 75,
        cefrLevel: 'B2',
        pendingAnswers: 0,
        pendingReview: false,
        sections: [
          { title: 'Reading', weight: 50, score: 50, sectionId: expect.any(String) },
          { title: 'Grammar', weight: 50, score: 100, sectionId: expect.any(String) },
        ],
      });
      expect(completed).toContainEqual({
        userId: candidate.user.id,
        candidateAssessmentId: submitted.body.data.candidateAssessmentId,
        status: 'PASSED',
        cefrLevel: 'B2',
        score: 75,
      });
      const me = await t.http().get('/api/v1/proctoring/candidates/me').set(candidate.auth).expect(200);
      expect(me.body.data.overallCefrLevel).toBe('B2');

      const retake = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: assessment.id }).expect(409);
      expect(retake.body.error).toBe('ALREADY_PASSED');
    });

    it('publishes the score → CEFR bands in the instructions, the result and Swagger', async () => {
      const bands = [
        { level: 'A1', minScore: 0, belowScore: 35, range: '0 ≤ score < 35' },
        { level: 'A2', minScore: 35, belowScore: 50, range: '35 ≤ score < 50' },
        { level: 'B1', minScore: 50, belowScore: 65, range: '50 ≤ score < 65' },
        { level: 'B2', minScore: 65, belowScore: 80, range: '65 ≤ score < 80' },
        { level: 'C1', minScore: 80, belowScore: 90, range: '80 ≤ score < 90' },
        { level: 'C2', minScore: 90, belowScore: null, range: '90 ≤ score ≤ 100' },
      ];
      const candidate = await readyCandidate(t);
      const instructions = await t.http().get('/api/v1/proctoring/instructions').set(candidate.auth).expect(200);
      expect(instructions.body.data.cefrBands).toEqual(bands);

      const session = await startSession(t, candidate, assessment.id);
      const [reading] = questionsOf(assessment);
      await answerWithText(t, candidate, session.id, reading.id, 'goes').expect(200);
      await t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth).expect(200);
      const result = (await t.http().get(`/api/v1/proctoring/sessions/${session.id}/result`).set(candidate.auth).expect(200)).body.data;
      // Reading 1 of 2 (50 %) weighted 50, grammar unanswered → 25 → A1.
      expect(result).toMatchObject({ ready: true, score: 25, cefrLevel: 'A1', cefrBands: bands });

      const docs = (await t.http().get('/docs-json').expect(200)).body;
      for (const schema of ['InstructionsDto', 'ResultDto']) expect(docs.components.schemas[schema].properties).toHaveProperty('cefrBands');
      expect(JSON.stringify(docs.components.schemas.CefrBandDto)).toContain('belowScore');
    });

    it('applies the cool-down after a fail and the attempts limit', async () => {
      const strict = await createAssessment(t, admin, assessmentBody({ maxAttempts: 2, retakeCooldownHours: 1, passingLevel: 'C2' }));
      const candidate = await readyCandidate(t);
      const first = await startSession(t, candidate, strict.id);
      const failed = await t.http().post(`/api/v1/proctoring/sessions/${first.id}/submit`).set(candidate.auth).expect(200);
      expect(failed.body.data).toMatchObject({ result: 'FAILED', cefrLevel: 'A1', score: 0 });

      const cooling = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: strict.id }).expect(409);
      expect(cooling.body.error).toBe('RETAKE_COOLDOWN');

      await t.prisma.candidateAssessment.updateMany({ where: { userId: candidate.user.id }, data: { completedAt: new Date(Date.now() - 2 * 3_600_000) } });
      const second = await startSession(t, candidate, strict.id);
      await t.http().post(`/api/v1/proctoring/sessions/${second.id}/submit`).set(candidate.auth).expect(200);
      await t.prisma.candidateAssessment.updateMany({ where: { userId: candidate.user.id }, data: { completedAt: new Date(Date.now() - 2 * 3_600_000) } });
      const exhausted = await t.http().post('/api/v1/proctoring/sessions').set(candidate.auth).send({ assessmentId: strict.id }).expect(409);
      expect(exhausted.body.error).toBe('ATTEMPTS_EXHAUSTED');
    });

    it('without providers, speaking and writing answers wait for staff; the result is ready after the last review', async () => {
      const mixed = await createAssessment(t, admin, assessmentBody({}, { speaking: true, writing: true }));
      const candidate = await readyCandidate(t);
      const session = await startSession(t, candidate, mixed.id);
      const questions = questionsOf(mixed);
      const speaking = questions.find((q) => q.type === 'SPEAKING')!;
      const writing = questions.find((q) => q.type === 'WRITING')!;

      const notAudio = await answerWithAudio(t, candidate, session.id, speaking.id, {
        bytes: Buffer.from('definitely not audio, just text'),
        filename: 'answer.mp3',
        contentType: 'audio/mpeg',
      }).expect(415);
      expect(notAudio.body.error).toBe('UNSUPPORTED_FILE_TYPE');
      await answerWithAudio(t, candidate, session.id, writing.id).expect(400);

      const spoken = await answerWithAudio(t, candidate, session.id, speaking.id).expect(200);
      expect(spoken.body.data.status).toBe('PENDING_MANUAL');
      // The reviewer can play the recording; the candidate and unknown ids cannot.
      const played = await t
        .http()
        .get(`/api/v1/proctoring/answers/${spoken.body.data.id}/audio`)
        .set(admin.auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(played.headers['content-type']).toBe('audio/wav');
      expect(Buffer.compare(played.body as Buffer, wavBytes())).toBe(0);
      await t.http().get(`/api/v1/proctoring/answers/${spoken.body.data.id}/audio`).set(candidate.auth).expect(403);
      await t.http().get(`/api/v1/proctoring/answers/${NO_SUCH_ID}/audio`).set(admin.auth).expect(404);
      const written = await answerWithText(t, candidate, session.id, writing.id, 'We are sorry your order was late.').expect(200);
      expect(written.body.data.status).toBe('PENDING_MANUAL');

      const submitted = await t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth).expect(200);
      expect(submitted.body.data).toMatchObject({ ready: false, status: 'SUBMITTED', pendingAnswers: 2, cefrLevel: null, score: null });

      const pending = await t.http().get('/api/v1/proctoring/answers/pending-review').set(admin.auth).expect(200);
      const ids = pending.body.data.items.map((a: { id: string }) => a.id);
      expect(ids).toEqual(expect.arrayContaining([spoken.body.data.id, written.body.data.id]));
      await t.http().get('/api/v1/proctoring/answers/pending-review').set(candidate.auth).expect(403);

      await t.http().patch(`/api/v1/proctoring/answers/${written.body.data.id}/review`).set(candidate.auth).send({ score: 100 }).expect(403);
      await t.http().patch(`/api/v1/proctoring/answers/${written.body.data.id}/review`).set(admin.auth).send({ score: 101 }).expect(400);
      await t.http().patch(`/api/v1/proctoring/answers/${NO_SUCH_ID}/review`).set(admin.auth).send({ score: 50 }).expect(404);

      // Two reviewers scoring the same answer at once: one wins, the other is told it is already scored.
      const other = await t.createUser({ role: 'SUPPORT_AGENT' });
      const [r1, r2] = await Promise.all([
        t.http().patch(`/api/v1/proctoring/answers/${written.body.data.id}/review`).set(admin.auth).send({ score: 80 }),
        t.http().patch(`/api/v1/proctoring/answers/${written.body.data.id}/review`).set(other.auth).send({ score: 20 }),
      ]);
      expect([r1.status, r2.status].sort()).toEqual([200, 409]);

      const midway = await t.http().get(`/api/v1/proctoring/sessions/${session.id}/result`).set(candidate.auth).expect(200);
      expect(midway.body.data).toMatchObject({ ready: false, pendingAnswers: 1 });

      await t.http().patch(`/api/v1/proctoring/answers/${spoken.body.data.id}/review`).set(admin.auth).send({ score: 70, feedback: 'Clear' }).expect(200);
      const result = await waitForResult(t, candidate, session.id);
      expect(result).toMatchObject({ ready: true, status: 'COMPLETED', pendingAnswers: 0 });
      expect(result.sections.map((s: { title: string }) => s.title)).toEqual(['Reading', 'Grammar', 'Speaking', 'Writing']);
      expect(result.sections[2].score).toBe(70);
      const done = await t.http().patch(`/api/v1/proctoring/answers/${spoken.body.data.id}/review`).set(admin.auth).send({ score: 10 }).expect(409);
      expect(done.body.error).toBe('INVALID_STATE');
    });
  });

  describe('scheduled sweep', () => {
    it('submits an expired session when nobody calls the API', async () => {
      const candidate = await readyCandidate(t);
      const session = await startSession(t, candidate, assessment.id);
      const before = completed.length;
      await expireSession(session.id);
      // No request touches the session from here on: only the sweep can submit and score it.
      const stored = await eventually(
        async () => {
          const now = await t.prisma.proctoringSession.findUniqueOrThrow({ where: { id: session.id }, include: { candidateAssessment: true } });
          expect(now.candidateAssessment.status).toBe('COMPLETED');
          return now;
        },
        { intervalMs: 100, what: 'the sweep to submit and score the expired session' },
      );
      expect(stored).toMatchObject({ status: 'ENDED', endReason: 'TIME_EXPIRED' });
      expect(stored.candidateAssessment).toMatchObject({ status: 'COMPLETED', cefrLevel: 'A1', result: 'FAILED' });
      // The completion event follows the commit that completed the attempt.
      await eventually(() => expect(completed.length).toBe(before + 1), { what: 'the assessment completion event' });
    });
  });

  it('sweeps racing each other (as two instances would) submit each expired session exactly once', async () => {
    const candidates = await Promise.all([readyCandidate(t), readyCandidate(t)]);
    const sessions = await Promise.all(candidates.map((c) => startSession(t, c, assessment.id)));
    await Promise.all(sessions.map((s) => expireSession(s.id)));
    const sweeper = t.app.get(SessionSweeperService);
    const [a, b, c] = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
    // The scheduled sweep of this app may also have taken some; together they never exceed two.
    expect(a + b + c).toBeLessThanOrEqual(2);
    const eventsFor = (userId: string) => completed.filter((e) => e.userId === userId).length;
    await eventually(() => expect(candidates.map((cand) => eventsFor(cand.user.id))).not.toContain(0), { what: 'a completion event for each candidate' });
    for (const cand of candidates) expect(eventsFor(cand.user.id)).toBe(1);
    const ended = await t.prisma.proctoringSession.findMany({ where: { id: { in: sessions.map((s) => s.id) } } });
    expect(ended.map((s) => s.endReason)).toEqual(['TIME_EXPIRED', 'TIME_EXPIRED']);
  });

  it('lists sessions for staff only', async () => {
    const res = await t.http().get('/api/v1/proctoring/sessions?status=ENDED').set(admin.auth).expect(200);
    expect(res.body.data.items.every((s: { status: string }) => s.status === 'ENDED')).toBe(true);
    const agent = await t.createUser({ role: 'AGENT' });
    await t.http().get('/api/v1/proctoring/sessions').set(agent.auth).expect(403);
    await t.http().get('/api/v1/proctoring/sessions?status=LIVE').set(admin.auth).expect(400);
  });
});
