import { randomUUID } from 'node:crypto';
import { emitWithAck, nextEvent, receivesWithin } from '../../support/socket.js';
import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';
import { createConversation, createFaq, PASSWORD_FAQ, REFUND_FAQ } from './chat-helpers.js';

describe('Chat with the offline provider: conversations, pipeline, feedback, escalation', () => {
  let t: TestApp;
  let admin: TestUser;
  let supportAgent: TestUser;
  let customer: TestUser;
  let other: TestUser;
  let passwordFaqId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser({ role: 'ADMIN' });
    supportAgent = await t.createUser({ role: 'SUPPORT_AGENT', name: 'Sam Support' });
    customer = await t.createUser({ role: 'CUSTOMER', name: 'Cora Customer' });
    other = await t.createUser({ role: 'AGENT' });
    passwordFaqId = await createFaq(t, admin, PASSWORD_FAQ);
    await createFaq(t, admin, REFUND_FAQ);
  });
  afterAll(() => t.close());

  it('documents the chat, FAQ, report and analytics routes in Swagger', async () => {
    const docs = await t.http().get('/docs-json').expect(200);
    const paths = Object.keys(docs.body.paths);
    for (const path of [
      '/api/v1/conversations/{id}/messages',
      '/api/v1/conversations/{id}/escalate',
      '/api/v1/messages/{id}/feedback',
      '/api/v1/faqs/{id}',
      '/api/v1/chatbot/custom-questions/{id}',
      '/api/v1/chatbot/support-tickets',
      '/api/v1/reports/{id}',
      '/api/v1/analytics/chatbot',
    ]) {
      expect(paths).toContain(path);
    }
    expect(docs.body.components.schemas.SendMessageResultDto.properties).toHaveProperty('aiMessage');
  });

  describe('conversations', () => {
    it('creates, lists own only, and lets staff list all with filters', async () => {
      const mine = await createConversation(t, customer, 'Billing question');
      const theirs = await createConversation(t, other, 'Gig payout');
      const own = await t.http().get('/api/v1/conversations').set(customer.auth).expect(200);
      expect(own.body.data.items.map((c: { id: string }) => c.id)).toEqual([mine]);
      const staff = await t.http().get('/api/v1/conversations').query({ userId: other.user.id }).set(supportAgent.auth).expect(200);
      expect(staff.body.data.items.map((c: { id: string }) => c.id)).toEqual([theirs]);
      const got = await t.http().get(`/api/v1/conversations/${mine}`).set(customer.auth).expect(200);
      expect(got.body.data).toMatchObject({ id: mine, userId: customer.user.id, status: 'ACTIVE', category: 'GENERAL', metadata: { totalMessages: 0 } });
    });

    it("answers 404 for another user's conversation and for a missing one", async () => {
      const theirs = await createConversation(t, other);
      await t.http().get(`/api/v1/conversations/${theirs}`).set(customer.auth).expect(404);
      await t.http().get(`/api/v1/conversations/${randomUUID()}`).set(customer.auth).expect(404);
      await t.http().patch(`/api/v1/conversations/${theirs}`).set(customer.auth).send({ title: 'mine now' }).expect(404);
      await t.http().get(`/api/v1/conversations/${theirs}/messages`).set(customer.auth).expect(404);
      const post = await t.http().post(`/api/v1/conversations/${theirs}/messages`).set(customer.auth).send({ content: 'hello' }).expect(404);
      expect(post.body).toMatchObject({ success: false, error: 'NOT_FOUND' });
    });

    it('lets the owner rename but not change status or assignment (403)', async () => {
      const id = await createConversation(t, customer);
      const renamed = await t.http().patch(`/api/v1/conversations/${id}`).set(customer.auth).send({ title: 'Renamed', category: 'BILLING' }).expect(200);
      expect(renamed.body.data).toMatchObject({ title: 'Renamed', category: 'BILLING' });
      await t.http().patch(`/api/v1/conversations/${id}`).set(customer.auth).send({ status: 'RESOLVED' }).expect(403);
      await t.http().patch(`/api/v1/conversations/${id}`).set(customer.auth).send({ assignedAgentId: customer.user.id }).expect(403);
      const bad = await t.http().patch(`/api/v1/conversations/${id}`).set(customer.auth).send({ status: 'DONE', title: '' }).expect(400);
      expect(bad.body.error).toBe('VALIDATION_FAILED');
    });

    it('enforces the status machine (409) and lets only one of two racing resolutions win', async () => {
      const id = await createConversation(t, customer);
      const results = await Promise.all([
        t.http().patch(`/api/v1/conversations/${id}`).set(admin.auth).send({ status: 'RESOLVED' }),
        t.http().patch(`/api/v1/conversations/${id}`).set(supportAgent.auth).send({ status: 'RESOLVED' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const escalate = await t.http().patch(`/api/v1/conversations/${id}`).set(admin.auth).send({ status: 'ESCALATED' }).expect(409);
      expect(escalate.body.error).toBe('INVALID_TRANSITION');
      await t.http().post(`/api/v1/conversations/${id}/messages`).set(customer.auth).send({ content: 'still there?' }).expect(409);
    });
  });

  describe('access and input on the remaining routes', () => {
    it('refuses missing tokens, wrong roles, foreign or unknown ids and bad input', async () => {
      const theirs = await createConversation(t, other);
      const missing = randomUUID();
      await t.http().post('/api/v1/conversations').send({}).expect(401);
      await t.http().post('/api/v1/conversations').set(customer.auth).send({ title: '', category: 'SHOES' }).expect(400);
      await t.http().get('/api/v1/conversations').query({ status: 'OPEN' }).set(customer.auth).expect(400);
      await t.http().get(`/api/v1/conversations/${theirs}/messages`).query({ limit: 1000 }).set(other.auth).expect(400);
      await t.http().get(`/api/v1/conversations/${missing}/messages`).set(customer.auth).expect(404);
      await t.http().post(`/api/v1/conversations/${theirs}/escalate`).set(customer.auth).send({}).expect(404);
      await t.http().post(`/api/v1/conversations/${missing}/escalate`).set(customer.auth).send({}).expect(404);
      await t
        .http()
        .post(`/api/v1/conversations/${theirs}/escalate`)
        .set(other.auth)
        .send({ reason: 'x'.repeat(1001) })
        .expect(400);
      await t.http().post(`/api/v1/conversations/${theirs}/join`).set(customer.auth).expect(403);
      await t.http().post(`/api/v1/conversations/${theirs}/join`).set(other.auth).expect(403);
      await t.http().post(`/api/v1/conversations/${missing}/join`).set(supportAgent.auth).expect(404);
      await t.http().post(`/api/v1/conversations/${missing}/csat`).set(customer.auth).send({ rating: 3 }).expect(404);
      await t.http().post('/api/v1/chatbot/custom-questions').set(customer.auth).send({ question: 'hi' }).expect(400);
      await t.http().get('/api/v1/chatbot/support-tickets').query({ status: 'DONE' }).set(admin.auth).expect(400);
      const staffAssign = await t.http().patch(`/api/v1/conversations/${theirs}`).set(admin.auth).send({ assignedAgentId: customer.user.id }).expect(400);
      expect(staffAssign.body.error).toBe('INVALID_ASSIGNEE');
    });
  });

  describe('message pipeline', () => {
    it('answers from the FAQ at or above the bar, counts the usage, and records the metadata', async () => {
      const id = (await t.http().post('/api/v1/conversations').set(customer.auth).send({}).expect(201)).body.data.id as string;
      const res = await t.http().post(`/api/v1/conversations/${id}/messages`).set(customer.auth).send({ content: 'How can I reset my password?' }).expect(201);
      const { userMessage, aiMessage } = res.body.data;
      expect(userMessage).toMatchObject({
        senderType: 'USER',
        content: 'How can I reset my password?',
        sender: { id: customer.user.id, name: 'Cora Customer' },
        metadata: { sentiment: 'NEUTRAL' },
      });
      expect(aiMessage).toMatchObject({ senderType: 'AI', content: PASSWORD_FAQ.answer, metadata: { source: 'FAQ', faqId: passwordFaqId, tokensUsed: null } });
      expect(aiMessage.metadata.faqConfidence).toBeGreaterThanOrEqual(0.8);
      expect(aiMessage.metadata.processingTime).toEqual(expect.any(Number));
      const faq = await t.http().get(`/api/v1/faqs/${passwordFaqId}`).expect(200);
      expect(faq.body.data.usageCount).toBe(1);
      const conversation = await t.http().get(`/api/v1/conversations/${id}`).set(customer.auth).expect(200);
      expect(conversation.body.data.metadata).toMatchObject({ totalMessages: 2, userMessages: 1, aiMessages: 1 });
      // Named after the first message, and filed under the category of the FAQ that answered.
      expect(conversation.body.data).toMatchObject({ title: 'How can I reset my password?', category: 'ACCOUNT' });
    });

    it('below the bar, the local provider answers from the knowledge base and says so (model local-kb)', async () => {
      const id = await createConversation(t, customer);
      const res = await t
        .http()
        .post(`/api/v1/conversations/${id}/messages`)
        .set(customer.auth)
        .send({ content: 'My refund for the annual plan is late, what can I do?' })
        .expect(201);
      const ai = res.body.data.aiMessage;
      expect(ai.metadata).toMatchObject({ source: 'AI', model: 'local-kb', promptTokens: 0, completionTokens: 0, costMicros: 0, escalationSuggested: false });
      expect(ai.content).toContain('no AI model is connected');
      expect(ai.content).toContain(REFUND_FAQ.answer);
    });

    it('with nothing in the knowledge base, offers a human and queues the question for staff', async () => {
      const id = await createConversation(t, customer);
      const res = await t
        .http()
        .post(`/api/v1/conversations/${id}/messages`)
        .set(customer.auth)
        .send({ content: 'Do you ship parcels to Antarctica?' })
        .expect(201);
      expect(res.body.data.aiMessage.metadata).toMatchObject({ model: 'local-kb', escalationSuggested: true });
      expect(res.body.data.aiMessage.content).not.toContain('[ESCALATE]');
      const inbox = await t.http().get('/api/v1/chatbot/custom-questions').query({ origin: 'UNANSWERED' }).set(supportAgent.auth).expect(200);
      expect(inbox.body.data.items.map((q: { question: string }) => q.question)).toContain('Do you ship parcels to Antarctica?');
    });

    it('refuses flagged content with a clear error, stores it flagged and does not answer', async () => {
      const id = await createConversation(t, customer);
      const res = await t.http().post(`/api/v1/conversations/${id}/messages`).set(customer.auth).send({ content: 'you are a f*cking idiot' }).expect(400);
      expect(res.body).toMatchObject({ success: false, error: 'CONTENT_FLAGGED' });
      const stored = await t.prisma.message.findMany({ where: { conversationId: id } });
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ flagged: true, senderType: 'USER' });
      const history = await t.http().get(`/api/v1/conversations/${id}/messages`).set(customer.auth).expect(200);
      expect(history.body.data.total).toBe(0);
    });

    it('refuses empty, oversized and unknown-field messages with 400', async () => {
      const id = await createConversation(t, customer);
      for (const body of [{ content: '   ' }, { content: 'x'.repeat(4001) }, {}, { content: 'hi', role: 'system' }]) {
        const res = await t.http().post(`/api/v1/conversations/${id}/messages`).set(customer.auth).send(body).expect(400);
        expect(res.body.error).toBe('VALIDATION_FAILED');
      }
    });

    it('scores sentiment and keeps the latest mood on the conversation', async () => {
      const id = await createConversation(t, customer);
      const res = await t
        .http()
        .post(`/api/v1/conversations/${id}/messages`)
        .set(customer.auth)
        .send({ content: 'This is ridiculous, the app is broken AGAIN and support is useless!!' })
        .expect(201);
      expect(res.body.data.userMessage.metadata.sentiment).toBe('FRUSTRATED');
      const conversation = await t.http().get(`/api/v1/conversations/${id}`).set(customer.auth).expect(200);
      expect(conversation.body.data.sentiment).toBe('FRUSTRATED');
    });
  });

  describe('feedback and custom questions', () => {
    it('accepts feedback on an AI answer by its owner, changeable; negative feedback lands in the inbox', async () => {
      const id = await createConversation(t, customer);
      const sent = await t.http().post(`/api/v1/conversations/${id}/messages`).set(customer.auth).send({ content: 'How do I reset my password?' }).expect(201);
      const { userMessage, aiMessage } = sent.body.data;
      const up = await t.http().patch(`/api/v1/messages/${aiMessage.id}/feedback`).set(customer.auth).send({ feedback: 'POSITIVE' }).expect(200);
      expect(up.body.data.feedback).toBe('POSITIVE');
      const down = await t.http().patch(`/api/v1/messages/${aiMessage.id}/feedback`).set(customer.auth).send({ feedback: 'NEGATIVE' }).expect(200);
      expect(down.body.data.feedback).toBe('NEGATIVE');

      const own = await t.http().patch(`/api/v1/messages/${userMessage.id}/feedback`).set(customer.auth).send({ feedback: 'POSITIVE' }).expect(400);
      expect(own.body.error).toBe('FEEDBACK_NOT_ALLOWED');
      await t.http().patch(`/api/v1/messages/${aiMessage.id}/feedback`).set(other.auth).send({ feedback: 'POSITIVE' }).expect(404);
      await t.http().patch(`/api/v1/messages/${randomUUID()}/feedback`).set(customer.auth).send({ feedback: 'POSITIVE' }).expect(404);
      await t.http().patch(`/api/v1/messages/${aiMessage.id}/feedback`).set(customer.auth).send({ feedback: 'MEH' }).expect(400);

      const inbox = await t.http().get('/api/v1/chatbot/custom-questions').query({ origin: 'NEGATIVE_FEEDBACK' }).set(admin.auth).expect(200);
      expect(inbox.body.data.items[0]).toMatchObject({ question: 'How do I reset my password?', status: 'OPEN' });
    });

    it('groups near-duplicate questions and lets staff turn one into an FAQ in one step (once)', async () => {
      const first = await t.http().post('/api/v1/chatbot/custom-questions').set(customer.auth).send({ question: 'Can I pay with PayPal?' }).expect(201);
      const again = await t.http().post('/api/v1/chatbot/custom-questions').set(other.auth).send({ question: 'can i pay with paypal' }).expect(201);
      expect(again.body.data).toMatchObject({ id: first.body.data.id, occurrences: 2 });
      await t.http().get('/api/v1/chatbot/custom-questions').set(customer.auth).expect(403);
      await t.http().patch(`/api/v1/chatbot/custom-questions/${first.body.data.id}`).set(customer.auth).send({ status: 'ANSWERED', answer: 'x' }).expect(403);
      const noAnswer = await t.http().patch(`/api/v1/chatbot/custom-questions/${first.body.data.id}`).set(admin.auth).send({ status: 'CONVERTED' }).expect(400);
      expect(noAnswer.body.error).toBe('ANSWER_REQUIRED');

      const body = { status: 'CONVERTED', answer: 'Yes, PayPal is accepted at checkout.', category: 'BILLING', keywords: ['paypal'] };
      const results = await Promise.all([
        t.http().patch(`/api/v1/chatbot/custom-questions/${first.body.data.id}`).set(admin.auth).send(body),
        t.http().patch(`/api/v1/chatbot/custom-questions/${first.body.data.id}`).set(supportAgent.auth).send(body),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const faqId = results.find((r) => r.status === 200)?.body.data.faqId as string;
      const faqs = await t.http().get('/api/v1/faqs').query({ search: 'paypal' }).expect(200);
      expect(faqs.body.data.items.map((f: { id: string }) => f.id)).toEqual([faqId]);

      const sentNow = await t
        .http()
        .post(`/api/v1/conversations/${await createConversation(t, customer)}/messages`)
        .set(customer.auth)
        .send({ content: 'Can I pay with PayPal?' })
        .expect(201);
      expect(sentNow.body.data.aiMessage.metadata).toMatchObject({ source: 'FAQ', faqId });
      await t.http().patch(`/api/v1/chatbot/custom-questions/${randomUUID()}`).set(admin.auth).send({ status: 'DISMISSED' }).expect(404);
      const ask404 = await t
        .http()
        .post('/api/v1/chatbot/custom-questions')
        .set(customer.auth)
        .send({ question: 'About that other chat', conversationId: await createConversation(t, other) })
        .expect(404);
      expect(ask404.body.error).toBe('NOT_FOUND');
    });
  });

  describe('escalation, human takeover and sockets', () => {
    it('escalates with a handover summary, notifies staff, and a human reply reaches the customer socket; the bot stays quiet', async () => {
      const id = await createConversation(t, customer, 'Locked out');
      await t.http().post(`/api/v1/conversations/${id}/messages`).set(customer.auth).send({ content: 'How do I reset my password?' }).expect(201);
      const customerSocket = await t.socket(customer.token);
      const staffSocket = await t.socket(supportAgent.token);
      const joined = await emitWithAck<{ success: boolean }>(customerSocket, 'conversation:join', { conversationId: id });
      expect(joined.success).toBe(true);

      const ticketEvent = nextEvent<{ conversationId: string }>(staffSocket, 'support-ticket:new');
      const escalated = await t
        .http()
        .post(`/api/v1/conversations/${id}/escalate`)
        .set(customer.auth)
        .send({ reason: 'The reset link never arrives' })
        .expect(201);
      expect(escalated.body.data.conversation.status).toBe('ESCALATED');
      expect(escalated.body.data.ticket).toMatchObject({ status: 'OPEN', requesterId: customer.user.id, reason: 'The reset link never arrives' });
      expect(escalated.body.data.ticket.handoverSummary).toMatchObject({
        customerRequest: 'How do I reset my password?',
        generatedBy: 'conversation-data',
        mood: 'neutral',
      });
      expect(escalated.body.data.ticket.handoverSummary.attempted[0]).toContain('FAQ answer');
      expect((await ticketEvent).conversationId).toBe(id);
      await t.http().post(`/api/v1/conversations/${id}/escalate`).set(customer.auth).send({}).expect(409);

      const quiet = await t.http().post(`/api/v1/conversations/${id}/messages`).set(customer.auth).send({ content: 'Hello? Anyone there?' }).expect(201);
      expect(quiet.body.data.aiMessage).toBeNull();

      const agentJoined = nextEvent<{ conversationId: string; agentId: string }>(customerSocket, 'conversation:agent_joined');
      const racing = await Promise.all([
        t.http().post(`/api/v1/conversations/${id}/join`).set(supportAgent.auth),
        t.http().post(`/api/v1/conversations/${id}/join`).set(admin.auth),
      ]);
      expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = racing.find((r) => r.status === 200)?.body.data.assignedAgentId as string;
      expect(await agentJoined).toMatchObject({ conversationId: id, agentId: winner });
      const human = winner === supportAgent.user.id ? supportAgent : admin;

      const received = nextEvent<{ message: { senderType: string; content: string } }>(customerSocket, 'message:received');
      const reply = await t
        .http()
        .post(`/api/v1/conversations/${id}/messages`)
        .set(human.auth)
        .send({ content: 'Hi, I am a human. I will resend the link.' })
        .expect(201);
      expect(reply.body.data).toMatchObject({ userMessage: { senderType: 'AGENT', sender: { id: human.user.id } }, aiMessage: null });
      expect((await received).message).toMatchObject({ senderType: 'AGENT', content: 'Hi, I am a human. I will resend the link.' });

      const tickets = await t.http().get('/api/v1/chatbot/support-tickets').set(supportAgent.auth).expect(200);
      const ticket = tickets.body.data.items.find((x: { conversationId: string }) => x.conversationId === id);
      expect(ticket).toMatchObject({ status: 'IN_PROGRESS', assignedAgentId: winner });
      await t.http().get('/api/v1/chatbot/support-tickets').set(customer.auth).expect(403);
      await t.http().patch(`/api/v1/chatbot/support-tickets/${ticket.id}`).set(customer.auth).send({ status: 'RESOLVED' }).expect(403);
      const racing2 = await Promise.all([
        t.http().patch(`/api/v1/chatbot/support-tickets/${ticket.id}`).set(supportAgent.auth).send({ status: 'RESOLVED', resolutionNotes: 'Link resent' }),
        t.http().patch(`/api/v1/chatbot/support-tickets/${ticket.id}`).set(admin.auth).send({ status: 'RESOLVED', resolutionNotes: 'Done' }),
      ]);
      expect(racing2.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(racing2.find((r) => r.status === 200)?.body.data.resolvedAt).toEqual(expect.any(String));
      await t.http().patch(`/api/v1/chatbot/support-tickets/${ticket.id}`).set(supportAgent.auth).send({ status: 'CLOSED' }).expect(200);
      const closed = await t.http().patch(`/api/v1/chatbot/support-tickets/${ticket.id}`).set(supportAgent.auth).send({ status: 'OPEN' }).expect(409);
      expect(closed.body.error).toBe('INVALID_STATE');
      await t.http().patch(`/api/v1/chatbot/support-tickets/${randomUUID()}`).set(supportAgent.auth).send({ status: 'OPEN' }).expect(404);
      await t.http().patch(`/api/v1/chatbot/support-tickets/${ticket.id}`).set(supportAgent.auth).send({ priority: 'NOW' }).expect(400);
    });

    it("refuses to join someone else's conversation room, and relays typing and read receipts", async () => {
      const id = await createConversation(t, customer);
      const intruder = await t.socket(other.token);
      const refused = await emitWithAck<{ success: boolean; statusCode: number }>(intruder, 'conversation:join', { conversationId: id });
      expect(refused).toMatchObject({ success: false, statusCode: 404 });
      const invalid = await emitWithAck<{ success: boolean; statusCode: number; error: string }>(intruder, 'conversation:join', { conversationId: 'nope' });
      expect(invalid).toMatchObject({ success: false, statusCode: 400, error: 'VALIDATION_FAILED' });
      const notJoined = await emitWithAck<{ statusCode: number }>(intruder, 'typing:start', { conversationId: id });
      expect(notJoined.statusCode).toBe(404);

      const bare = await emitWithAck<{ success: boolean; statusCode: number }>(intruder, 'conversation:join', id);
      expect(bare).toMatchObject({ success: false, statusCode: 404 });

      const owner = await t.socket(customer.token);
      const staff = await t.socket(supportAgent.token);
      // A bare id joins too.
      expect(await emitWithAck(owner, 'conversation:join', id)).toMatchObject({ success: true, data: { conversationId: id } });
      await emitWithAck(staff, 'conversation:join', { conversationId: id });
      const typing = nextEvent<{ userId: string; userName: string }>(staff, 'typing:user');
      await emitWithAck(owner, 'typing:start', { conversationId: id });
      expect(await typing).toMatchObject({ userId: customer.user.id, userName: 'Cora Customer' });
      const stop = nextEvent<{ userId: string }>(staff, 'typing:stop');
      await emitWithAck(owner, 'typing:stop', { conversationId: id });
      expect((await stop).userId).toBe(customer.user.id);

      const intruderHears = receivesWithin(intruder, 'message:received', 500);
      const aiTyping = nextEvent<{ typing: boolean }>(staff, 'ai:typing');
      const chunk = nextEvent<{ messageId: string; delta: string }>(staff, 'ai:chunk');
      const empty = await emitWithAck<{ statusCode: number; error: string }>(owner, 'message:new', { conversationId: id, content: '  ' });
      expect(empty).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED' });
      const none = await emitWithAck<{ statusCode: number; details: { field: string }[] }>(owner, 'message:new', { conversationId: id });
      expect(none).toMatchObject({ statusCode: 400, details: [{ field: 'content' }] });
      // The text may also come as `message`.
      const ack = await emitWithAck<{ success: boolean; data: { aiMessage: { id: string } } }>(
        owner,
        'message:new',
        { conversationId: id, message: 'Is there a student discount?' },
        5_000,
      );
      expect(ack.success).toBe(true);
      expect((await aiTyping).typing).toBe(true);
      expect((await chunk).messageId).toBe(ack.data.aiMessage.id);
      expect(await intruderHears).toBe(false);

      const readEvent = nextEvent<{ messageIds: string[]; userId: string }>(staff, 'message:read');
      const read = await emitWithAck<{ success: boolean; data: { messageIds: string[] } }>(owner, 'message:read', {
        conversationId: id,
        messageIds: [ack.data.aiMessage.id],
      });
      expect(read.data.messageIds).toEqual([ack.data.aiMessage.id]);
      expect(await readEvent).toMatchObject({ userId: customer.user.id, messageIds: [ack.data.aiMessage.id] });
      const again = await t
        .http()
        .post(`/api/v1/conversations/${id}/read`)
        .set(customer.auth)
        .send({ messageIds: [ack.data.aiMessage.id] })
        .expect(200);
      expect(again.body.data.messageIds).toEqual([]);
      await t
        .http()
        .post(`/api/v1/conversations/${id}/read`)
        .set(other.auth)
        .send({ messageIds: [ack.data.aiMessage.id] })
        .expect(404);
      await t.http().post(`/api/v1/conversations/${id}/read`).set(customer.auth).send({ messageIds: [] }).expect(400);
    });

    it('takes a CSAT rating once, only on a resolved conversation of the owner', async () => {
      const id = await createConversation(t, customer);
      await t.http().post(`/api/v1/conversations/${id}/csat`).set(customer.auth).send({ rating: 5 }).expect(409);
      await t.http().patch(`/api/v1/conversations/${id}`).set(admin.auth).send({ status: 'RESOLVED' }).expect(200);
      await t.http().post(`/api/v1/conversations/${id}/csat`).set(customer.auth).send({ rating: 6 }).expect(400);
      await t.http().post(`/api/v1/conversations/${id}/csat`).set(other.auth).send({ rating: 4 }).expect(404);
      const rated = await t.http().post(`/api/v1/conversations/${id}/csat`).set(customer.auth).send({ rating: 4, comment: 'Quick help' }).expect(200);
      expect(rated.body.data.csat).toMatchObject({ rating: 4, comment: 'Quick help' });
      await t.http().post(`/api/v1/conversations/${id}/csat`).set(customer.auth).send({ rating: 1 }).expect(409);
    });
  });
});
