import { looksLikeQuestion, questionGroupKey } from './question-key.js';

describe('questionGroupKey', () => {
  it('groups near-duplicates', () => {
    expect(questionGroupKey('How do I get a refund?')).toBe(questionGroupKey('how can i get refunds'));
    expect(questionGroupKey('Can I pay with PayPal?')).toBe(questionGroupKey('PayPal: can I pay with it'));
    expect(questionGroupKey('How do I get a refund?')).not.toBe(questionGroupKey('How do I get an invoice?'));
  });
});

describe('looksLikeQuestion', () => {
  it('tells questions from small talk', () => {
    expect(looksLikeQuestion('Do you ship to Antarctica?')).toBe(true);
    expect(looksLikeQuestion('how to export my reports')).toBe(true);
    expect(looksLikeQuestion('thanks!')).toBe(false);
    expect(looksLikeQuestion('ok?')).toBe(false);
  });
});
