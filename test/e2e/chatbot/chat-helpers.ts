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
