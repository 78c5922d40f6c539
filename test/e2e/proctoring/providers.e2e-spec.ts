import { DomainEventMap, DomainEvents } from '../../../src/common/events/domain-events.js';
import { SPEECH_SCORING_QUEUE, WRITING_SCORING_QUEUE } from '../../../src/modules/proctoring/answer-scoring.jobs.js';
import { emitWithAck } from '../../support/socket.js';
import { openAiChatCompletion } from '../../support/openai-stand-in.js';
import { sendJson, startStandInServer, StandInServer } from '../../support/stand-in-server.js';
import type { TestApp, TestUser } from '../../support/test-app.js';
import { createTestApp } from '../../support/test-app.js';
import { eventually } from '../../support/eventually.js';
import {
  answerReaches,
  answerWithAudio,
  answerWithText,
  assessmentBody,
  AuthoredAssessment,
  createAssessment,
  questionsOf,
  readyCandidate,
  SECRET_FILL,
  startSession,
  waitForResult,
} from './proctoring-fixtures.js';

const TRANSCRIPT_ID = 'transcript-1';
const SPOKEN = 'I would like to book a table tonight'.split(' ');

/** AssemblyAI's upload → transcript → poll API, as the real `assemblyai` client calls it. */
function assemblyAiRoutes(server: { current?: StandInServer }) {
  return {
    'POST /v2/upload': (_req: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, 200, { upload_url: `${server.current!.url}/files/upload-1` }),
    'POST /v2/transcript': (_req: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, 200, { id: TRANSCRIPT_ID, status: 'queued' }),
    [`GET /v2/transcript/${TRANSCRIPT_ID}`]: (_req: unknown, res: Parameters<typeof sendJson>[0]) =>
      sendJson(res, 200, {
        id: TRANSCRIPT_ID,
        status: 'completed',
        text: SPOKEN.join(' '),
        // 8 words over 3.1 s (≈155 wpm, no hesitation), all recognised with confidence 0.9
        words: SPOKEN.map((text, i) => ({ text, confidence: 0.9, start: i * 400, end: i * 400 + 300, speaker: null })),
      }),
  };
}

/** OpenAI's chat completions API, as the real `openai` client calls it. */
const openAiRoutes = {
  'POST /v1/chat/completions': (_req: unknown, res: Parameters<typeof sendJson>[0]) =>
    sendJson(res, 200, openAiChatCompletion(JSON.stringify({ grammar: 80, coherence: 90, vocabulary: 70, feedback: 'Clear and polite.' }))),
};

describe('Proctoring: speaking through AssemblyAI and writing through an OpenAI-compatible API (local stand-ins)', () => {
  let t: TestApp;
  let admin: TestUser;
  let assessment: AuthoredAssessment;
  const server: { current?: StandInServer } = {};
  let openAi: StandInServer;
  const completed: DomainEventMap['assessment.completed'][] = [];

  beforeAll(async () => {
    server.current = await startStandInServer(assemblyAiRoutes(server));
    openAi = await startStandInServer(openAiRoutes);
    t = await createTestApp({
      ASSEMBLYAI_API_KEY: 'aai-test-key',
      ASSEMBLYAI_BASE_URL: server.current.url,
      ASSEMBLYAI_POLL_INTERVAL_MS: '20',
      JOB_BACKOFF_MS: '20',
      PROCTORING_WRITING_AI_API_KEY: 'sk-test',
      PROCTORING_WRITING_AI_BASE_URL: `${openAi.url}/v1`,
    });
    t.app.get(DomainEvents).on('assessment.completed', (payload) => {
      completed.push(payload);
    });
    admin = await t.createUser({ role: 'ADMIN' });
    assessment = await createAssessment(t, admin, assessmentBody({ passingLevel: 'B2' }, { speaking: true, writing: true }));
  });
  afterAll(async () => {
    await t.close();
    await server.current?.close();
    await openAi.close();
  });

  it('runs a clean assessment over HTTP and Socket.IO to a CEFR level', async () => {
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    const browser = await t.socket(candidate.token);
    const beat = await emitWithAck<{ success: boolean }>(browser, 'proctoring:heartbeat', { sessionId: session.id });
    expect(beat.success).toBe(true);

    const questions = questionsOf(assessment);
    const byType = (type: string) => questions.find((q) => q.type === type)!;
    const answer = (questionId: string, response: string) => answerWithText(t, candidate, session.id, questionId, response).expect(200);
    await answer(byType('READING_MCQ').id, 'goes');
    await answer(byType('AUDIO_MCQ').id, '10');
    await answer(byType('FILL_BLANK').id, SECRET_FILL.toUpperCase());
    const written = await answer(byType('WRITING').id, 'Dear customer, we are sorry that your order arrived late.');
    expect(written.body.data.status).toBe('PENDING_AI');

    const spoken = await answerWithAudio(t, candidate, session.id, byType('SPEAKING').id).expect(200);
    expect(spoken.body.data.status).toBe('PENDING_SPEECH');

    await t.http().post(`/api/v1/proctoring/sessions/${session.id}/submit`).set(candidate.auth).expect(200);
    const result = await waitForResult(t, candidate, session.id);

    // Sections (weights 50 each): reading 100, grammar 100, speaking (fluency 100, accuracy 100,
    // pronunciation 90 → 96.7), writing (80+90+70)/3 = 80 → total 94.175 → 94.18 → C2.
    expect(result).toMatchObject({ ready: true, status: 'COMPLETED', result: 'PASSED', cefrLevel: 'C2', pendingAnswers: 0 });
    expect(result.score).toBe(94.18);
    expect(result.sections.map((s: { title: string; score: number }) => [s.title, s.score])).toEqual([
      ['Reading', 100],
      ['Grammar', 100],
      ['Speaking', 96.7],
      ['Writing', 80],
    ]);
    // The completion event follows the commit that made the result ready.
    await eventually(() => expect(completed).toContainEqual(expect.objectContaining({ userId: candidate.user.id, status: 'PASSED', cefrLevel: 'C2' })), {
      what: 'the assessment completion event',
    });

    // The real clients spoke the providers' protocols: the audio bytes were uploaded with the key, and
    // the writing rubric went out as the system prompt with the candidate's text.
    const upload = server.current!.requests.find((r) => r.path === '/v2/upload')!;
    expect(upload.headers.authorization).toBe('aai-test-key');
    expect(upload.rawBody.startsWith('RIFF')).toBe(true);
    const transcriptRequest = server.current!.requests.find((r) => r.method === 'POST' && r.path === '/v2/transcript')!;
    expect(transcriptRequest.body).toMatchObject({ audio_url: expect.stringContaining('/files/upload-1'), language_code: 'en' });
    const chat = openAi.requests.find((r) => r.path === '/v1/chat/completions')!;
    expect(chat.headers.authorization).toBe('Bearer sk-test');
    const messages = (chat.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('CEFR writing examiner') });
    expect(messages[1].content).toContain('sorry that your order arrived late');

    const staffView = await t.prisma.answer.findUniqueOrThrow({ where: { id: spoken.body.data.id }, include: { speakingEvaluation: true } });
    expect(staffView.speakingEvaluation).toMatchObject({ provider: 'assemblyai', providerRef: TRANSCRIPT_ID, transcript: SPOKEN.join(' '), pronunciation: 90 });
    const me = await t.http().get('/api/v1/proctoring/candidates/me').set(candidate.auth).expect(200);
    expect(me.body.data.overallCefrLevel).toBe('C2');
  });

  it('retries speech scoring with back-off, then sends the answer to manual review and the job to the failed list; refuses non-audio uploads', async () => {
    server.current!.on('POST', '/v2/transcript', (_req, res) => sendJson(res, 500, { error: 'internal failure' }));
    const transcriptCalls = () => server.current!.requests.filter((r) => r.method === 'POST' && r.path === '/v2/transcript').length;
    const callsBefore = transcriptCalls();
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    const speaking = questionsOf(assessment).find((q) => q.type === 'SPEAKING')!;
    await answerWithAudio(t, candidate, session.id, speaking.id, {
      bytes: Buffer.from('%PDF-1.4 not audio'),
      filename: 'a.webm',
      contentType: 'audio/webm',
    }).expect(415);
    await t.http().post(`/api/v1/proctoring/sessions/${session.id}/answers/audio`).set(candidate.auth).field('questionId', speaking.id).expect(400);
    const spoken = await answerWithAudio(t, candidate, session.id, speaking.id).expect(200);
    await answerReaches(t, spoken.body.data.id, 'PENDING_MANUAL');
    expect(transcriptCalls() - callsBefore).toBe(SPEECH_SCORING_QUEUE.attempts);
    // The last attempt hands the answer to a person first; the job reaches the failed list just after.
    await eventually(
      async () => {
        const failed = await t.http().get('/api/v1/jobs/failed?queue=speech-scoring').set(admin.auth).expect(200);
        expect(failed.body.data.items).toEqual([
          expect.objectContaining({
            queue: 'speech-scoring',
            attempts: SPEECH_SCORING_QUEUE.attempts,
            summary: expect.objectContaining({ answerId: spoken.body.data.id }),
          }),
        ]);
      },
      { what: 'the speech-scoring job in the failed list' },
    );
  });

  it('retries writing scoring with back-off, then sends the answer to manual review and the job to the failed list', async () => {
    openAi.on('POST', '/v1/chat/completions', (_req, res) => sendJson(res, 500, { error: { message: 'overloaded', type: 'server_error' } }));
    const chatCalls = () => openAi.requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions').length;
    const callsBefore = chatCalls();
    const candidate = await readyCandidate(t);
    const session = await startSession(t, candidate, assessment.id);
    const writing = questionsOf(assessment).find((q) => q.type === 'WRITING')!;
    const written = await answerWithText(t, candidate, session.id, writing.id, 'Dear customer, we apologise for the delay.').expect(200);
    expect(written.body.data.status).toBe('PENDING_AI');
    await answerReaches(t, written.body.data.id, 'PENDING_MANUAL');
    expect(chatCalls() - callsBefore).toBe(WRITING_SCORING_QUEUE.attempts);
    const items = await eventually(
      async () => {
        const failed = await t.http().get('/api/v1/jobs/failed?queue=writing-scoring').set(admin.auth).expect(200);
        expect(failed.body.data.items).toEqual([
          expect.objectContaining({ queue: 'writing-scoring', summary: expect.objectContaining({ answerId: written.body.data.id }) }),
        ]);
        return failed.body.data.items as unknown[];
      },
      { what: 'the writing-scoring job in the failed list' },
    );
    expect(JSON.stringify(items)).not.toContain('apologise');
  });
});
