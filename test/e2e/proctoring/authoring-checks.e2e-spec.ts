import { seedDatabase } from '../../../src/infra/database/seed/seed.js';
import { whileTableLocked } from '../../support/held-lock.js';
import type { TestApp, TestUser } from '../../support/test-app.js';
import { createTestApp } from '../../support/test-app.js';
import { assessmentBody, BORDERLINE_FACE, createAssessment, descriptor, GOOD_SYSTEM, OTHER_FACE, SAME_FACE, SECRET_FILL } from './proctoring-fixtures.js';

describe('Proctoring: authoring, instructions, system checks and identity', () => {
  let t: TestApp;
  let admin: TestUser;
  let agent: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ PROCTORING_IDENTITY_MAX_ATTEMPTS: '2', PROCTORING_MIN_NETWORK_MBPS: '2' });
    admin = await t.createUser({ role: 'ADMIN' });
    agent = await t.createUser({ role: 'AGENT' });
  });
  afterAll(() => t.close());

  describe('authoring', () => {
    it('lets an admin author an assessment with sections, weights and correct answers', async () => {
      const created = await createAssessment(t, admin);
      expect(created.sections).toHaveLength(2);
      expect(created.sections[1].questions[0]).toMatchObject({ type: 'FILL_BLANK', correctAnswers: [SECRET_FILL] });
      const detail = await t.http().get(`/api/v1/proctoring/assessments/${created.id}`).set(admin.auth).expect(200);
      expect(detail.body.data.questionCount).toBe(3);
    });

    it('refuses authoring by an agent (403) and reading the answer key as an agent (403)', async () => {
      await t.http().post('/api/v1/proctoring/assessments').set(agent.auth).send(assessmentBody()).expect(403);
      const created = await createAssessment(t, admin);
      await t.http().get(`/api/v1/proctoring/assessments/${created.id}`).set(agent.auth).expect(403);
    });

    it('answers 404 for an unknown assessment and 400 for a malformed id', async () => {
      await t.http().get('/api/v1/proctoring/assessments/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
      const bad = await t.http().get('/api/v1/proctoring/assessments/nope').set(admin.auth).expect(400);
      expect(bad.body.success).toBe(false);
    });

    it('refuses malformed assessments with one detail per problem', async () => {
      const missing = await t.http().post('/api/v1/proctoring/assessments').set(admin.auth).send({ title: 'x' }).expect(400);
      expect(missing.body).toMatchObject({ success: false, error: 'VALIDATION_FAILED' });
      expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['title', 'timeLimitMinutes', 'sections']));

      const badMcq = assessmentBody({
        sections: [{ title: 'R', weight: 10, questions: [{ type: 'READING_MCQ', prompt: 'p', options: ['a', 'b'], correctAnswers: ['c'] }] }],
      });
      const res = await t.http().post('/api/v1/proctoring/assessments').set(admin.auth).send(badMcq).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'sections.0.questions.0.correctAnswers' })]);

      const badType = assessmentBody({ sections: [{ title: 'R', weight: 10, questions: [{ type: 'ESSAY', prompt: 'p' }] }] });
      const typeRes = await t.http().post('/api/v1/proctoring/assessments').set(admin.auth).send(badType).expect(400);
      expect(typeRes.body.details[0].field).toBe('sections.0.questions.0.type');
    });

    it('serves instructions and lists assessments to candidates without any answer key', async () => {
      await createAssessment(t, admin);
      const instructions = await t.http().get('/api/v1/proctoring/instructions').set(agent.auth).expect(200);
      expect(instructions.body.data.systemRequirements).toMatchObject({ minNetworkMbps: 2, minScreenWidth: 1280 });
      expect(instructions.body.data.assessments.length).toBeGreaterThan(0);
      const list = await t.http().get('/api/v1/proctoring/assessments').set(agent.auth).expect(200);
      expect(list.body.data).toMatchObject({ page: 1, limit: 20, total: expect.any(Number) });
      for (const body of [instructions.body, list.body]) {
        expect(JSON.stringify(body)).not.toContain('correctAnswers');
        expect(JSON.stringify(body)).not.toContain(SECRET_FILL);
      }
      await t.http().get('/api/v1/proctoring/instructions').expect(401);
    });
  });

  it('seeds one demo assessment, idempotently', async () => {
    const options = { adminEmail: 'seed-admin@test.cx', adminPassword: 'Seed#Passw0rd!', demoData: true, bcryptRounds: 4, uploadDir: t.config.uploadDir };
    await seedDatabase(t.prisma, options);
    await seedDatabase(t.prisma, options);
    const seeded = await t.prisma.assessment.findMany({ where: { title: { contains: '(demo)' } }, include: { questions: true, sections: true } });
    expect(seeded).toHaveLength(1);
    expect(seeded[0].sections.map((s) => s.weight)).toEqual([20, 30, 25, 25]);
    expect(new Set(seeded[0].questions.map((q) => q.type))).toEqual(new Set(['AUDIO_MCQ', 'READING_MCQ', 'FILL_BLANK', 'SPEAKING', 'WRITING']));
  });

  it('documents every proctoring route in Swagger', async () => {
    const res = await t.http().get('/docs-json').expect(200);
    const paths = Object.keys(res.body.paths as Record<string, unknown>).filter((p) => p.includes('/proctoring/'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/proctoring/instructions',
        '/api/v1/proctoring/assessments',
        '/api/v1/proctoring/system-checks',
        '/api/v1/proctoring/identity-verifications',
        '/api/v1/proctoring/sessions',
        '/api/v1/proctoring/sessions/{id}',
        '/api/v1/proctoring/sessions/{id}/answers',
        '/api/v1/proctoring/sessions/{id}/answers/audio',
        '/api/v1/proctoring/sessions/{id}/violations',
        '/api/v1/proctoring/sessions/{id}/submit',
        '/api/v1/proctoring/sessions/{id}/result',
        '/api/v1/proctoring/answers/{id}/review',
        '/api/v1/proctoring/blacklist',
        '/api/v1/proctoring/blacklist/{userId}',
      ]),
    );
    const start = res.body.paths['/api/v1/proctoring/sessions'].post;
    expect(start.summary).toBeTruthy();
    expect(start.responses['201']).toBeDefined();
    expect(res.body.components.schemas.CandidateQuestionDto.properties.correctAnswers).toBeUndefined();
  });

  describe('system check', () => {
    it('passes a capable machine', async () => {
      const res = await t.http().post('/api/v1/proctoring/system-checks').set(agent.auth).send(GOOD_SYSTEM).expect(201);
      expect(res.body.data).toMatchObject({ kind: 'SYSTEM', status: 'PASSED', failures: [] });
    });

    it('fails a weak machine and names each failed check with its requirement', async () => {
      const res = await t
        .http()
        .post('/api/v1/proctoring/system-checks')
        .set(agent.auth)
        .send({ ...GOOD_SYSTEM, networkSpeedMbps: 1, microphoneAvailable: false, screenWidth: 1024, screenHeight: 600 })
        .expect(201);
      expect(res.body.data.status).toBe('FAILED');
      expect(res.body.data.failures).toEqual([
        { check: 'microphone', actual: 'unavailable', requirement: 'a working microphone' },
        { check: 'network', actual: '1 Mbps', requirement: '>= 2 Mbps' },
        { check: 'screen', actual: '1024x600', requirement: '>= 1280x720' },
      ]);
    });

    it('records device tests the same way', async () => {
      const ok = await t
        .http()
        .post('/api/v1/proctoring/device-tests')
        .set(agent.auth)
        .send({ cameraWorking: true, microphoneWorking: true, microphoneLevel: 0.4 })
        .expect(201);
      expect(ok.body.data).toMatchObject({ kind: 'DEVICE', status: 'PASSED' });
      const bad = await t.http().post('/api/v1/proctoring/device-tests').set(agent.auth).send({ cameraWorking: false, microphoneWorking: true }).expect(201);
      expect(bad.body.data.failures.map((f: { check: string }) => f.check)).toEqual(['camera']);
    });

    it('refuses bad input and other roles', async () => {
      const res = await t
        .http()
        .post('/api/v1/proctoring/system-checks')
        .set(agent.auth)
        .send({ ...GOOD_SYSTEM, networkSpeedMbps: 'fast', extra: 1 })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['extra', 'networkSpeedMbps']);
      await t.http().post('/api/v1/proctoring/system-checks').set(admin.auth).send(GOOD_SYSTEM).expect(403);
    });
  });

  describe('identity verification', () => {
    it('refuses malformed descriptors (length, NaN, out of range) with 400', async () => {
      const cases = [
        descriptor().slice(0, 127),
        [...descriptor().slice(0, 127), null],
        [...descriptor().slice(0, 127), 'NaN'],
        [...descriptor().slice(0, 127), 3],
      ];
      for (const bad of cases) {
        const res = await t.http().put('/api/v1/proctoring/face-reference').set(agent.auth).send({ descriptor: bad }).expect(400);
        expect(res.body).toMatchObject({ success: false, error: 'VALIDATION_FAILED' });
        await t.http().post('/api/v1/proctoring/identity-verifications').set(agent.auth).send({ descriptor: bad }).expect(400);
      }
      // NaN cannot travel in JSON; a literal NaN in the body is invalid JSON and also a 400.
      await t
        .http()
        .post('/api/v1/proctoring/identity-verifications')
        .set(agent.auth)
        .set('content-type', 'application/json')
        .send(`{"descriptor":[${[...descriptor().slice(0, 127), 'NaN'].join(',')}]}`)
        .expect(400);
    });

    it('needs a reference face first (409)', async () => {
      const fresh = await t.createUser({ role: 'AGENT' });
      const res = await t.http().post('/api/v1/proctoring/identity-verifications').set(fresh.auth).send({ descriptor: SAME_FACE }).expect(409);
      expect(res.body.error).toBe('FACE_REFERENCE_MISSING');
    });

    it('verifies the same face, sends a borderline one to manual review and fails another person, with limited retries', async () => {
      const candidate = await t.createUser({ role: 'AGENT' });
      const ref = await t.http().put('/api/v1/proctoring/face-reference').set(candidate.auth).send({ descriptor: descriptor() }).expect(200);
      expect(ref.body.data).toEqual({ hasReference: true, updatedAt: expect.any(String) });
      expect(JSON.stringify(ref.body)).not.toContain('descriptor');

      const same = await t.http().post('/api/v1/proctoring/identity-verifications').set(candidate.auth).send({ descriptor: SAME_FACE }).expect(201);
      expect(same.body.data).toMatchObject({ status: 'VERIFIED', attempt: 1 });
      expect(same.body.data.distance).toBeCloseTo(0.1131, 3);

      const borderline = await t.http().post('/api/v1/proctoring/identity-verifications').set(candidate.auth).send({ descriptor: BORDERLINE_FACE }).expect(201);
      expect(borderline.body.data.status).toBe('MANUAL_REVIEW');

      const other1 = await t.http().post('/api/v1/proctoring/identity-verifications').set(candidate.auth).send({ descriptor: OTHER_FACE }).expect(201);
      expect(other1.body.data).toMatchObject({ status: 'FAILED', attemptsLeft: 1 });
      const other2 = await t.http().post('/api/v1/proctoring/identity-verifications').set(candidate.auth).send({ descriptor: OTHER_FACE }).expect(201);
      expect(other2.body.data).toMatchObject({ status: 'FAILED', attemptsLeft: 0 });
      const exhausted = await t.http().post('/api/v1/proctoring/identity-verifications').set(candidate.auth).send({ descriptor: SAME_FACE }).expect(429);
      expect(exhausted.body.error).toBe('IDENTITY_ATTEMPTS_EXHAUSTED');
    });

    it('lets one of two racing attempts take the last failed attempt', async () => {
      const candidate = await t.createUser({ role: 'AGENT' });
      await t.http().put('/api/v1/proctoring/face-reference').set(candidate.auth).send({ descriptor: descriptor() }).expect(200);
      const verify = () => t.http().post('/api/v1/proctoring/identity-verifications').set(candidate.auth).send({ descriptor: OTHER_FACE });
      expect((await verify().expect(201)).body.data).toMatchObject({ status: 'FAILED', attemptsLeft: 1 });
      // The first attempt locks the user and waits to insert; the second waits for the user's row and
      // then counts two failures. Attempts counted on an unlocked user would both be recorded.
      const results = await whileTableLocked(t.databaseUrl, 'identity_verifications', 2, () =>
        Promise.all([verify().then((res) => res), verify().then((res) => res)]),
      );
      expect(results.map((res) => res.status).sort()).toEqual([201, 429]);
      expect(results.find((res) => res.status === 201)?.body.data).toMatchObject({ status: 'FAILED', attempt: 2, attemptsLeft: 0 });
      expect(results.find((res) => res.status === 429)?.body.error).toBe('IDENTITY_ATTEMPTS_EXHAUSTED');
      expect(await t.prisma.identityVerification.count({ where: { userId: candidate.user.id, status: 'FAILED' } })).toBe(2);
    });

    it('lets an admin decide a manual review once; two racing decisions cannot both win', async () => {
      const candidate = await t.createUser({ role: 'AGENT' });
      await t.http().put('/api/v1/proctoring/face-reference').set(candidate.auth).send({ descriptor: descriptor() }).expect(200);
      const borderline = await t.http().post('/api/v1/proctoring/identity-verifications').set(candidate.auth).send({ descriptor: BORDERLINE_FACE }).expect(201);
      const id = borderline.body.data.id as string;

      const pending = await t.http().get('/api/v1/proctoring/identity-verifications?status=MANUAL_REVIEW').set(admin.auth).expect(200);
      expect(pending.body.data.items.map((v: { id: string }) => v.id)).toContain(id);

      await t.http().patch(`/api/v1/proctoring/identity-verifications/${id}/review`).set(candidate.auth).send({ decision: 'VERIFIED' }).expect(403);
      await t.http().patch(`/api/v1/proctoring/identity-verifications/${id}/review`).set(admin.auth).send({ decision: 'MAYBE' }).expect(400);
      await t
        .http()
        .patch('/api/v1/proctoring/identity-verifications/00000000-0000-4000-8000-000000000000/review')
        .set(admin.auth)
        .send({ decision: 'VERIFIED' })
        .expect(404);

      const other = await t.createUser({ role: 'ADMIN' });
      const [a, b] = await Promise.all([
        t.http().patch(`/api/v1/proctoring/identity-verifications/${id}/review`).set(admin.auth).send({ decision: 'VERIFIED', note: 'same person' }),
        t.http().patch(`/api/v1/proctoring/identity-verifications/${id}/review`).set(other.auth).send({ decision: 'FAILED' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);

      // A decided verification is not awaiting review any more: 409.
      const again = await t.http().patch(`/api/v1/proctoring/identity-verifications/${id}/review`).set(admin.auth).send({ decision: 'FAILED' }).expect(409);
      expect(again.body.error).toBe('INVALID_STATE');
    });
  });
});
