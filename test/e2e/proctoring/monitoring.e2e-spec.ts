import type { Socket } from 'socket.io-client';
import { DomainEventMap, DomainEvents } from '../../../src/common/events/domain-events.js';
import { eventually } from '../../support/eventually.js';
import { emitWithAck, nextEvent, receivesWithin } from '../../support/socket.js';
import type { TestApp, TestUser } from '../../support/test-app.js';
import { createTestApp } from '../../support/test-app.js';
import { answerWithText, AuthoredAssessment, createAssessment, PNG_1PX_BASE64, questionsOf, readyCandidate, startSession } from './proctoring-fixtures.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

interface Ack<T = Record<string, unknown>> {
  success: boolean;
  data?: T;
  statusCode?: number;
  error?: string;
}

describe('Proctoring: monitoring over REST and Socket.IO, auto-submit, reviews and appeals', () => {
  let t: TestApp;
  let admin: TestUser;
  let assessment: AuthoredAssessment;
  const completed: DomainEventMap['assessment.completed'][] = [];

  beforeAll(async () => {
    t = await createTestApp({
      PROCTORING_MAX_VIOLATIONS: '2',
      PROCTORING_FACE_PERSIST_MS: '5000',
      PROCTORING_HEARTBEAT_TIMEOUT_SECONDS: '30',
      PROCTORING_SWEEP_INTERVAL_MS: '200',
    });
    t.app.get(DomainEvents).on('assessment.completed', (payload) => {
      completed.push(payload);
    });
    admin = await t.createUser({ role: 'ADMIN' });
    assessment = await createAssessment(t, admin);
  });
  afterAll(() => t.close());

  const violate = (user: TestUser, sessionId: string, body: Record<string, unknown>) =>
    t.http().post(`/api/v1/proctoring/sessions/${sessionId}/violations`).set(user.auth).send(body);

  it('runs check → identity → session → answers → a violation that auto-submits, watched live by staff', async () => {
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    const [mcq] = questionsOf(assessment);
    await answerWithText(t, candidate, session.id, mcq.id, 'goes').expect(200);

    const watcher: Socket = await t.socket(admin.token);
    const browser: Socket = await t.socket(candidate.token);
    const watched = await emitWithAck<Ack<{ room: string }>>(watcher, 'proctoring:watch', { sessionId: session.id });
    expect(watched).toEqual({ success: true, data: { room: `session:${session.id}` } });

    const heartbeatSeen = nextEvent<{ sessionId: string }>(watcher, 'proctoring:heartbeat');
    const beat = await emitWithAck<Ack<{ status: string; remainingSeconds: number }>>(browser, 'proctoring:heartbeat', { sessionId: session.id });
    expect(beat.data).toMatchObject({ status: 'ACTIVE' });
    expect(beat.data!.remainingSeconds).toBeGreaterThan(29 * 60);
    expect((await heartbeatSeen).sessionId).toBe(session.id);

    // A face missing for one second is a warning, never a violation.
    const warningSeen = nextEvent<{ log: { type: string; severity: string } }>(watcher, 'proctoring:violation');
    const warning = await emitWithAck<Ack>(browser, 'proctoring:violation', { sessionId: session.id, type: 'FACE_MISSING', durationMs: 1_000 });
    expect(warning.data).toMatchObject({ severity: 'WARNING', counted: false, violationCount: 0, warningCount: 1, autoSubmitted: false });
    expect((await warningSeen).log).toMatchObject({ type: 'FACE_MISSING', severity: 'WARNING' });

    const tab = await emitWithAck<Ack>(browser, 'proctoring:violation', { sessionId: session.id, type: 'TAB_SWITCH' });
    expect(tab.data).toMatchObject({ severity: 'VIOLATION', counted: true, violationCount: 1, autoSubmitted: false });

    // A second face that persists is critical: the test is submitted at once.
    const candidateNotified = nextEvent<{ sessionId: string; reason: string; violationType: string }>(browser, 'proctoring:auto_submitted');
    const staffNotified = nextEvent<{ sessionId: string }>(watcher, 'proctoring:auto_submitted');
    const critical = await emitWithAck<Ack>(browser, 'proctoring:violation', {
      sessionId: session.id,
      type: 'MULTIPLE_FACES',
      durationMs: 6_000,
      snapshotBase64: PNG_1PX_BASE64,
    });
    expect(critical.data).toMatchObject({ severity: 'CRITICAL', autoSubmitted: true });
    expect(await candidateNotified).toMatchObject({ sessionId: session.id, reason: 'AUTO_SUBMITTED', violationType: 'MULTIPLE_FACES' });
    expect((await staffNotified).sessionId).toBe(session.id);

    const after = await emitWithAck<Ack>(browser, 'proctoring:violation', { sessionId: session.id, type: 'TAB_SWITCH' });
    expect(after).toMatchObject({ success: false, statusCode: 409, error: 'SESSION_ENDED' });
    await answerWithText(t, candidate, session.id, mcq.id, 'go').expect(409);

    const stored = await t.http().get(`/api/v1/proctoring/sessions/${session.id}`).set(admin.auth).expect(200);
    expect(stored.body.data).toMatchObject({ status: 'ENDED', endReason: 'AUTO_SUBMITTED', reviewStatus: 'PENDING', violationCount: 2, warningCount: 1 });
    const logs = await t.http().get(`/api/v1/proctoring/sessions/${session.id}/logs`).set(candidate.auth).expect(200);
    expect(logs.body.data.map((l: { type: string; hasSnapshot: boolean }) => [l.type, l.hasSnapshot])).toEqual([
      ['FACE_MISSING', false],
      ['TAB_SWITCH', false],
      ['MULTIPLE_FACES', true],
    ]);
    const snapshotLog = logs.body.data[2].id as string;
    const image = await t.http().get(`/api/v1/proctoring/logs/${snapshotLog}/snapshot`).set(admin.auth).expect(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(image.body as Buffer, Buffer.from(PNG_1PX_BASE64, 'base64'))).toBe(0);
    await t.http().get(`/api/v1/proctoring/logs/${snapshotLog}/snapshot`).set(candidate.auth).expect(403);
    await t.http().get(`/api/v1/proctoring/logs/${logs.body.data[0].id}/snapshot`).set(admin.auth).expect(404);

    // The result waits for the proctoring review.
    const result = await t.http().get(`/api/v1/proctoring/sessions/${session.id}/result`).set(candidate.auth).expect(200);
    expect(result.body.data).toMatchObject({ ready: false, status: 'SUBMITTED', pendingReview: true, pendingAnswers: 0, cefrLevel: null });
    expect(completed.some((e) => e.userId === candidate.user.id)).toBe(false);
  });

  it('auto-submits when counted violations exceed the configured number (REST)', async () => {
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    const browser = await t.socket(candidate.token);
    expect((await violate(candidate, session.id, { type: 'FULLSCREEN_EXIT' }).expect(201)).body.data).toMatchObject({
      violationCount: 1,
      autoSubmitted: false,
    });
    expect((await violate(candidate, session.id, { type: 'RIGHT_CLICK' }).expect(201)).body.data).toMatchObject({ counted: false, violationCount: 1 });
    expect((await violate(candidate, session.id, { type: 'TAB_SWITCH' }).expect(201)).body.data).toMatchObject({ violationCount: 2, autoSubmitted: false });
    const notified = nextEvent<{ reason: string }>(browser, 'proctoring:auto_submitted');
    expect((await violate(candidate, session.id, { type: 'TAB_SWITCH' }).expect(201)).body.data).toMatchObject({ violationCount: 3, autoSubmitted: true });
    expect((await notified).reason).toBe('AUTO_SUBMITTED');
    await violate(candidate, session.id, { type: 'TAB_SWITCH' }).expect(409);
  });

  it('refuses violations for another candidate’s session or a nonexistent one (404), bad input (400), other roles (403) and non-images (415)', async () => {
    const owner = await readyCandidate(t);
    const intruder = await readyCandidate(t);
    const session = await startSession(t, owner, assessment.id);
    await violate(intruder, session.id, { type: 'TAB_SWITCH' }).expect(404);
    await violate(owner, NO_SUCH_ID, { type: 'TAB_SWITCH' }).expect(404);
    await violate(admin, session.id, { type: 'TAB_SWITCH' }).expect(403);
    const bad = await violate(owner, session.id, { type: 'SNEEZE', durationMs: -1 }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['durationMs', 'type']);
    const notImage = await violate(owner, session.id, {
      type: 'TAB_SWITCH',
      snapshotBase64: Buffer.from('plain text, not an image').toString('base64'),
    }).expect(415);
    expect(notImage.body.error).toBe('UNSUPPORTED_FILE_TYPE');
    const stored = await t.prisma.proctoringSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(stored).toMatchObject({ violationCount: 0, warningCount: 0, status: 'ACTIVE' });

    const intruderSocket = await t.socket(intruder.token);
    const foreign = await emitWithAck<Ack>(intruderSocket, 'proctoring:violation', { sessionId: session.id, type: 'TAB_SWITCH' });
    expect(foreign).toMatchObject({ success: false, statusCode: 404 });
    const malformed = await emitWithAck<Ack>(intruderSocket, 'proctoring:violation', { sessionId: 'x', type: 'TAB_SWITCH' });
    expect(malformed).toMatchObject({ success: false, statusCode: 400, error: 'VALIDATION_FAILED' });
    const notStaff = await emitWithAck<Ack>(intruderSocket, 'proctoring:watch', { sessionId: session.id });
    expect(notStaff).toMatchObject({ success: false, statusCode: 403 });

    const staffSocket = await t.socket(admin.token);
    const staffViolation = await emitWithAck<Ack>(staffSocket, 'proctoring:violation', { sessionId: session.id, type: 'TAB_SWITCH' });
    expect(staffViolation).toMatchObject({ success: false, statusCode: 403 });
    const unknown = await emitWithAck<Ack>(staffSocket, 'proctoring:watch', { sessionId: NO_SUCH_ID });
    expect(unknown).toMatchObject({ success: false, statusCode: 404 });
    // A watcher of another session hears nothing of this one.
    expect(await receivesWithin(staffSocket, 'proctoring:violation', 200)).toBe(false);
  });

  it('logs a silent session from the sweep, once, and tells the staff watching it', async () => {
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    const watcher = await t.socket(admin.token);
    await emitWithAck(watcher, 'proctoring:watch', { sessionId: session.id });
    const seen = nextEvent<{ log: { type: string; severity: string } }>(watcher, 'proctoring:violation', 5_000);
    await t.prisma.proctoringSession.update({ where: { id: session.id }, data: { lastHeartbeatAt: new Date(Date.now() - 90_000) } });
    expect((await seen).log).toMatchObject({ type: 'NETWORK_DISCONNECT', severity: 'WARNING' });

    // The browser comes back: the silence is already logged, so the heartbeat adds nothing.
    const browser = await t.socket(candidate.token);
    await emitWithAck(browser, 'proctoring:heartbeat', { sessionId: session.id });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const logs = await t.prisma.proctoringLog.findMany({ where: { sessionId: session.id } });
    expect(logs).toHaveLength(1);
    expect(logs[0].durationMs).toBeGreaterThanOrEqual(90_000);
  });

  it('logs a silence longer than the heartbeat timeout once, whether the sweep or the resuming heartbeat notices it first', async () => {
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    await t.prisma.proctoringSession.update({ where: { id: session.id }, data: { lastHeartbeatAt: new Date(Date.now() - 120_000) } });
    const browser = await t.socket(candidate.token);
    const beat = await emitWithAck<Ack>(browser, 'proctoring:heartbeat', { sessionId: session.id });
    expect(beat.success).toBe(true);
    // The sweep may have claimed the silence just before the heartbeat and still be writing its log.
    await eventually(async () => expect(await t.prisma.proctoringLog.count({ where: { sessionId: session.id } })).toBeGreaterThan(0), {
      what: 'the silence to be logged',
    });
    // A second log of the same silence would follow within moments: give it the time to show.
    await new Promise((resolve) => setTimeout(resolve, 400));
    const logs = await t.prisma.proctoringLog.findMany({ where: { sessionId: session.id } });
    expect(logs).toEqual([expect.objectContaining({ type: 'NETWORK_DISCONNECT', severity: 'WARNING' })]);
    expect(logs[0].durationMs).toBeGreaterThanOrEqual(120_000);
  });

  describe('proctoring review and appeals', () => {
    async function flaggedSession() {
      const candidate = await readyCandidate(t);
      const session = await startSession(t, candidate, assessment.id);
      const [mcq] = questionsOf(assessment);
      await answerWithText(t, candidate, session.id, mcq.id, 'goes').expect(200);
      const log = await violate(candidate, session.id, { type: 'TAB_SWITCH' }).expect(201);
      const warning = await violate(candidate, session.id, { type: 'MOUSE_LEAVE' }).expect(201);
      const submitted = await t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth).expect(200);
      expect(submitted.body.data).toMatchObject({ ready: false, pendingReview: true });
      return { candidate, session, logId: log.body.data.logId as string, warningId: warning.body.data.logId as string };
    }

    it('keeps the result until review; a second review must come from another reviewer', async () => {
      const { candidate, session } = await flaggedSession();
      const queue = await t.http().get('/api/v1/proctoring/sessions?reviewStatus=PENDING').set(admin.auth).expect(200);
      expect(queue.body.data.items.map((s: { id: string }) => s.id)).toContain(session.id);

      await t.http().patch(`/api/v1/proctoring/sessions/${session.id}/review`).set(candidate.auth).send({ outcome: 'CLEAN' }).expect(403);
      await t.http().patch(`/api/v1/proctoring/sessions/${session.id}/review`).set(admin.auth).send({ outcome: 'FINE' }).expect(400);
      await t.http().patch(`/api/v1/proctoring/sessions/${NO_SUCH_ID}/review`).set(admin.auth).send({ outcome: 'CLEAN' }).expect(404);

      const first = await t
        .http()
        .patch(`/api/v1/proctoring/sessions/${session.id}/review`)
        .set(admin.auth)
        .send({ outcome: 'SECOND_REVIEW_REQUIRED', note: 'unclear' })
        .expect(200);
      expect(first.body.data).toMatchObject({ ready: false, pendingReview: true });
      const same = await t.http().patch(`/api/v1/proctoring/sessions/${session.id}/review`).set(admin.auth).send({ outcome: 'CLEAN' }).expect(409);
      expect(same.body.error).toBe('INVALID_STATE');

      const second = await t.createUser({ role: 'SUPPORT_AGENT' });
      const decided = await t.http().patch(`/api/v1/proctoring/sessions/${session.id}/review`).set(second.auth).send({ outcome: 'CLEAN' }).expect(200);
      expect(decided.body.data).toMatchObject({ ready: true, status: 'COMPLETED', pendingReview: false });
      expect(completed.filter((e) => e.userId === candidate.user.id)).toHaveLength(1);
      await t.http().patch(`/api/v1/proctoring/sessions/${session.id}/review`).set(second.auth).send({ outcome: 'VIOLATION' }).expect(409);
    });

    it('refuses to review a live or unflagged session (409) and lets only one of two racing reviewers win', async () => {
      const live = await readyCandidate(t);
      const liveSession = await startSession(t, live, assessment.id);
      await t.http().patch(`/api/v1/proctoring/sessions/${liveSession.id}/review`).set(admin.auth).send({ outcome: 'CLEAN' }).expect(409);

      const { session } = await flaggedSession();
      const other = await t.createUser({ role: 'ADMIN' });
      const [a, b] = await Promise.all([
        t.http().patch(`/api/v1/proctoring/sessions/${session.id}/review`).set(admin.auth).send({ outcome: 'CLEAN' }),
        t.http().patch(`/api/v1/proctoring/sessions/${session.id}/review`).set(other.auth).send({ outcome: 'VIOLATION' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
    });

    it('fails an attempt whose review confirms a violation, without touching the overall level', async () => {
      const { candidate, session } = await flaggedSession();
      const res = await t.http().patch(`/api/v1/proctoring/sessions/${session.id}/review`).set(admin.auth).send({ outcome: 'VIOLATION' }).expect(200);
      expect(res.body.data).toMatchObject({ ready: true, result: 'FAILED' });
      const me = await t.http().get('/api/v1/proctoring/candidates/me').set(candidate.auth).expect(200);
      expect(me.body.data.overallCefrLevel).toBeNull();
      expect(completed).toContainEqual(expect.objectContaining({ userId: candidate.user.id, status: 'FAILED' }));
    });

    it('lets a candidate appeal a violation once and staff decide it', async () => {
      const { candidate, session, logId, warningId } = await flaggedSession();
      const stranger = await readyCandidate(t);
      await t.http().post(`/api/v1/proctoring/logs/${logId}/appeal`).set(stranger.auth).send({ reason: 'It was not me at all' }).expect(404);
      await t.http().post(`/api/v1/proctoring/logs/${NO_SUCH_ID}/appeal`).set(candidate.auth).send({ reason: 'It was not me at all' }).expect(404);
      await t.http().post(`/api/v1/proctoring/logs/${logId}/appeal`).set(candidate.auth).send({ reason: 'x' }).expect(400);
      await t.http().post(`/api/v1/proctoring/logs/${logId}/appeal`).set(admin.auth).send({ reason: 'It was not me at all' }).expect(403);
      const warning = await t
        .http()
        .post(`/api/v1/proctoring/logs/${warningId}/appeal`)
        .set(candidate.auth)
        .send({ reason: 'Warnings do not count' })
        .expect(409);
      expect(warning.body.error).toBe('NOT_APPEALABLE');

      const appealed = await t
        .http()
        .post(`/api/v1/proctoring/logs/${logId}/appeal`)
        .set(candidate.auth)
        .send({ reason: 'The browser opened a popup by itself' })
        .expect(201);
      expect(appealed.body.data).toMatchObject({ appealStatus: 'PENDING', appealReason: 'The browser opened a popup by itself' });
      const twice = await t.http().post(`/api/v1/proctoring/logs/${logId}/appeal`).set(candidate.auth).send({ reason: 'Please look again' }).expect(409);
      expect(twice.body.error).toBe('ALREADY_APPEALED');

      await t.http().patch(`/api/v1/proctoring/logs/${logId}/appeal`).set(candidate.auth).send({ decision: 'OVERTURNED' }).expect(403);
      await t.http().patch(`/api/v1/proctoring/logs/${logId}/appeal`).set(admin.auth).send({ decision: 'MAYBE' }).expect(400);
      const decided = await t
        .http()
        .patch(`/api/v1/proctoring/logs/${logId}/appeal`)
        .set(admin.auth)
        .send({ decision: 'OVERTURNED', note: 'Known browser bug' })
        .expect(200);
      expect(decided.body.data).toMatchObject({ appealStatus: 'OVERTURNED', appealDecisionNote: 'Known browser bug' });
      await t.http().patch(`/api/v1/proctoring/logs/${logId}/appeal`).set(admin.auth).send({ decision: 'UPHELD' }).expect(409);
      const stored = await t.prisma.proctoringSession.findUniqueOrThrow({ where: { id: session.id } });
      expect(stored.violationCount).toBe(0);
    });
  });
});
