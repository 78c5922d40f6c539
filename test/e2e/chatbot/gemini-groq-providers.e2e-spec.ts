import { startStandInServer, type StandInServer } from '../../support/stand-in-server.js';
import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';
import { CORE_SYSTEM_PROMPT } from '../../../src/modules/chatbot/prompt.js';
import { createConversation, sendMessage } from './chat-helpers.js';
import { chatBody, streamGeminiContent, streamOpenAiCompletion } from './provider-stand-ins.js';

describe('Gemini through @google/genai and Groq through openai, against stand-ins', () => {
  let gemini: TestApp;
  let groq: TestApp;
  let api: StandInServer;
  let geminiCustomer: TestUser;
  let groqCustomer: TestUser;
  let geminiFails = false;

  beforeAll(async () => {
    api = await startStandInServer({
      'POST /v1beta/models/gemini-2.0-flash:streamGenerateContent': (_req, res) => {
        if (geminiFails) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 500, message: 'internal', status: 'INTERNAL' } }));
          return;
        }
        streamGeminiContent(res, 'You can change your plan under Settings, then Billing.');
      },
      'POST /openai/v1/chat/completions': (req, res) =>
        streamOpenAiCompletion(res, chatBody(req).model, 'Groq here: restart the app and try again.', { prompt_tokens: 50, completion_tokens: 10 }),
    });
    gemini = await createTestApp({ AI_PROVIDER: 'gemini', GEMINI_API_KEY: 'gm-test', GEMINI_BASE_URL: api.url, AI_MAX_RETRIES: '1', AI_RETRY_BASE_MS: '10' });
    groq = await createTestApp({ AI_PROVIDER: 'groq', GROQ_API_KEY: 'gq-test', GROQ_BASE_URL: `${api.url}/openai/v1` });
    geminiCustomer = await gemini.createUser({ role: 'CUSTOMER' });
    groqCustomer = await groq.createUser({ role: 'AGENT' });
  });
  afterAll(async () => {
    await gemini.close();
    await groq.close();
    await api.close();
  });

  it('answers with Gemini: system instruction first, history as contents, usage and cost recorded', async () => {
    const id = await createConversation(gemini, geminiCustomer);
    api.requests.length = 0;
    const res = await sendMessage(gemini, geminiCustomer, id, 'How can I change my subscription plan?').expect(201);
    expect(res.body.data.aiMessage).toMatchObject({
      content: 'You can change your plan under Settings, then Billing.',
      metadata: { source: 'AI', model: 'gemini-2.0-flash', promptTokens: 90, completionTokens: 25, costMicros: 19 },
    });
    const [request] = api.requests;
    expect(request.query.get('alt')).toBe('sse');
    expect(request.headers['x-goog-api-key']).toBe('gm-test');
    const body = request.body as { contents: { role: string; parts: { text: string }[] }[]; systemInstruction: { parts: { text: string }[] } };
    expect(body.systemInstruction.parts[0].text.startsWith(CORE_SYSTEM_PROMPT)).toBe(true);
    expect(body.contents.at(-1)).toEqual({ role: 'user', parts: [{ text: 'How can I change my subscription plan?' }] });
  });

  it('falls back to an apology when Gemini keeps failing', async () => {
    geminiFails = true;
    const id = await createConversation(gemini, geminiCustomer);
    api.requests.length = 0;
    const res = await sendMessage(gemini, geminiCustomer, id, 'Why is the dashboard blank?').expect(201);
    expect(api.requests).toHaveLength(2);
    expect(res.body.data.aiMessage.metadata).toMatchObject({ source: 'FALLBACK', escalationSuggested: true });
    geminiFails = false;
  });

  it("answers with Groq through its OpenAI-compatible API (a gig agent's conversation)", async () => {
    const id = await createConversation(groq, groqCustomer);
    const res = await sendMessage(groq, groqCustomer, id, 'The app froze during my shift, what now?').expect(201);
    expect(res.body.data.aiMessage.metadata).toMatchObject({
      source: 'AI',
      model: 'llama-3.1-8b-instant',
      promptTokens: 50,
      completionTokens: 10,
      costMicros: 3,
    });
    const call = api.requests.find((r) => r.path === '/openai/v1/chat/completions');
    expect(call?.headers.authorization).toBe('Bearer gq-test');
  });
});
