import { createTestApp, type TestApp, type TestUser } from '../../support/test-app.js';

const at = (iso: string) => new Date(iso);

describe('Analytics computed in SQL, checked against known data', () => {
  let t: TestApp;
  let admin: TestUser;
  let supportAgent: TestUser;
  let customer: TestUser;
  const range = { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.createUser({ role: 'ADMIN' });
    supportAgent = await t.createUser({ role: 'SUPPORT_AGENT' });
    customer = await t.createUser({ role: 'CUSTOMER' });
    const db = t.prisma;
    const c1 = await db.conversation.create({
      data: {
        userId: customer.user.id,
        title: 'Refund',
        category: 'BILLING',
        status: 'RESOLVED',
        createdAt: at('2025-01-10T09:00:00Z'),
        csatRating: 4,
        csatAt: at('2025-01-12T09:00:00Z'),
      },
    });
    const c2 = await db.conversation.create({
      data: {
        userId: customer.user.id,
        title: 'Crash',
        category: 'TECHNICAL',
        status: 'ESCALATED',
        assignedAgentId: supportAgent.user.id,
        createdAt: at('2025-01-11T09:00:00Z'),
        csatRating: 2,
        csatAt: at('2025-01-13T09:00:00Z'),
      },
    });
    const c3 = await db.conversation.create({ data: { userId: customer.user.id, title: 'Old', createdAt: at('2024-12-01T09:00:00Z') } });
    const message = (conversationId: string, iso: string, data: Record<string, unknown>) =>
      db.message.create({ data: { conversationId, createdAt: at(iso), senderType: 'USER', content: '', ...data } });
    const aiAnswer = (conversationId: string, iso: string, data: Record<string, unknown>) =>
      message(conversationId, iso, { senderType: 'AI', content: 'AI answer', source: 'AI', model: 'gpt-4o-mini', ...data });
    await message(c1.id, '2025-01-10T09:01:00Z', { senderId: customer.user.id, content: 'refund refund invoice', sentiment: 'NEUTRAL' });
    await message(c1.id, '2025-01-10T09:01:01Z', { senderType: 'AI', content: 'FAQ answer', source: 'FAQ', processingTimeMs: 100, feedback: 'POSITIVE' });
    await message(c1.id, '2025-01-10T09:02:00Z', { senderId: customer.user.id, content: 'refund late', sentiment: 'NEGATIVE' });
    await aiAnswer(c1.id, '2025-01-10T09:02:01Z', { promptTokens: 100, completionTokens: 50, costMicros: 120, processingTimeMs: 300, feedback: 'NEGATIVE' });
    await message(c2.id, '2025-01-11T09:01:00Z', { senderId: customer.user.id, content: 'app crash', sentiment: 'FRUSTRATED' });
    await aiAnswer(c2.id, '2025-01-11T09:01:01Z', { promptTokens: 200, completionTokens: 100, costMicros: 240, processingTimeMs: 500, feedback: 'POSITIVE' });
    await message(c2.id, '2025-01-11T09:03:00Z', { senderId: customer.user.id, content: 'you idiot', flagged: true });
    await message(c2.id, '2025-01-11T09:04:00Z', { senderType: 'AGENT', senderId: supportAgent.user.id, content: 'Human here' });
    await message(c3.id, '2024-12-01T09:01:00Z', { senderId: customer.user.id, content: 'refund refund', sentiment: 'POSITIVE' });
    await aiAnswer(c3.id, '2024-12-01T09:01:01Z', {
      content: 'x',
      model: 'gpt-4o',
      promptTokens: 9,
      completionTokens: 9,
      costMicros: 99,
      processingTimeMs: 9000,
    });
    await db.supportTicket.create({
      data: {
        conversationId: c2.id,
        requesterId: customer.user.id,
        subject: 'Crash',
        status: 'RESOLVED',
        priority: 'HIGH',
        handoverSummary: {},
        createdAt: at('2025-01-11T10:00:00Z'),
        resolvedAt: at('2025-01-11T11:00:00Z'),
      },
    });
    await db.issueReport.create({
      data: { conversationId: c1.id, reportedById: customer.user.id, issueType: 'other', description: 'x', createdAt: at('2025-01-10T10:00:00Z') },
    });
    await db.customQuestion.create({ data: { question: 'Open one?', groupKey: 'open one' } });
  });
  afterAll(() => t.close());

  it('reports the chatbot numbers for the range', async () => {
    const res = await t.http().get('/api/v1/analytics/chatbot').query(range).set(supportAgent.auth).expect(200);
    expect(res.body.data).toEqual({
      range: { from: range.from, to: range.to },
      conversations: 2,
      userMessages: 3,
      botMessages: 3,
      agentMessages: 1,
      flaggedMessages: 1,
      messagesPerConversation: 3.5,
      faqHitRate: 0.3333,
      aiResponseRate: 1,
      fallbackAnswers: 0,
      averageResponseTime: 300,
      p95ResponseTime: 480,
      positiveFeedback: 2,
      negativeFeedback: 1,
      satisfactionRatio: 0.6667,
      csatAverage: 3,
      csatResponses: 2,
      sentimentDistribution: [
        { key: 'FRUSTRATED', count: 1 },
        { key: 'NEGATIVE', count: 1 },
        { key: 'NEUTRAL', count: 1 },
      ],
      topCategories: [
        { key: 'BILLING', count: 1 },
        { key: 'TECHNICAL', count: 1 },
      ],
      topKeywords: [
        { key: 'refund', count: 2 },
        { key: 'app', count: 1 },
        { key: 'crash', count: 1 },
        { key: 'invoic', count: 1 },
        { key: 'late', count: 1 },
      ],
      usageByModel: [{ model: 'gpt-4o-mini', calls: 2, promptTokens: 300, completionTokens: 150, totalTokens: 450, costMicros: 360 }],
    });
  });

  it('reports the overview and the support desk numbers', async () => {
    const overview = await t.http().get('/api/v1/analytics/overview').query(range).set(admin.auth).expect(200);
    expect(overview.body.data).toMatchObject({
      conversationsByStatus: [
        { key: 'ESCALATED', count: 1 },
        { key: 'RESOLVED', count: 1 },
      ],
      messages: 7,
      activeUsers: 1,
      activeFaqs: 0,
      openCustomQuestions: 1,
      openTickets: 0,
      pendingReports: 1,
    });
    const support = await t.http().get('/api/v1/analytics/support').query(range).set(admin.auth).expect(200);
    expect(support.body.data).toMatchObject({
      ticketsCreated: 1,
      escalationRate: 0.5,
      ticketsByStatus: [{ key: 'RESOLVED', count: 1 }],
      ticketsByPriority: [{ key: 'HIGH', count: 1 }],
      averageTicketResolutionMinutes: 60,
      reportsCreated: 1,
      reportsByStatus: [{ key: 'PENDING', count: 1 }],
      averageReportResolutionMinutes: null,
      agents: [{ agentId: supportAgent.user.id, assignedConversations: 1, replies: 1 }],
    });
  });

  it('is for staff only and validates the range', async () => {
    for (const path of ['chatbot', 'overview', 'support']) {
      await t.http().get(`/api/v1/analytics/${path}`).set(customer.auth).expect(403);
    }
    const reversed = await t.http().get('/api/v1/analytics/chatbot').query({ from: range.to, to: range.from }).set(admin.auth).expect(400);
    expect(reversed.body.error).toBe('INVALID_RANGE');
    const bad = await t.http().get('/api/v1/analytics/chatbot').query({ from: 'yesterday-ish' }).set(admin.auth).expect(400);
    expect(bad.body.error).toBe('VALIDATION_FAILED');
    const empty = await t.http().get('/api/v1/analytics/chatbot').query({ from: '2030-01-01', to: '2030-02-01' }).set(admin.auth).expect(200);
    expect(empty.body.data).toMatchObject({ conversations: 0, faqHitRate: 0, satisfactionRatio: null, csatAverage: null, usageByModel: [] });
  });
});
