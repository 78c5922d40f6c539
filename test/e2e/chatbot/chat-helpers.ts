import type { TestApp, TestUser } from '../../support/test-app.js';

/** Creates an FAQ as `staff` and returns its id. */
export async function createFaq(t: TestApp, staff: TestUser, body: Record<string, unknown>): Promise<string> {
  const res = await t.http().post('/api/v1/faqs').set(staff.auth).send(body).expect(201);
  return res.body.data.id as string;
}

export async function createConversation(t: TestApp, owner: TestUser, title = 'Help'): Promise<string> {
  const res = await t.http().post('/api/v1/conversations').set(owner.auth).send({ title }).expect(201);
  return res.body.data.id as string;
}

/** The people of most conversation tests: an admin, a support agent, a customer and another customer. */
export async function conversationParties(t: TestApp): Promise<{ admin: TestUser; supportAgent: TestUser; customer: TestUser; other: TestUser }> {
  const admin = await t.createUser({ role: 'ADMIN' });
  const supportAgent = await t.createUser({ role: 'SUPPORT_AGENT' });
  const customer = await t.createUser({ role: 'CUSTOMER' });
  const other = await t.createUser({ role: 'CUSTOMER' });
  return { admin, supportAgent, customer, other };
}

/** `author` writes `content` in the conversation; the caller checks the status and reads the answer. */
export const sendMessage = (t: TestApp, author: TestUser, conversationId: string, content: string) =>
  t.http().post(`/api/v1/conversations/${conversationId}/messages`).set(author.auth).send({ content });

export const PASSWORD_FAQ = {
  category: 'ACCOUNT',
  question: 'How do I reset my password?',
  answer: 'Open the login page, choose "Forgot password" and follow the link we email you.',
  keywords: ['password', 'reset', 'login'],
};

export const REFUND_FAQ = {
  category: 'BILLING',
  question: 'How long does a refund take?',
  answer: 'Refunds reach your card within 5 to 10 business days.',
  keywords: ['refund', 'money back'],
};
