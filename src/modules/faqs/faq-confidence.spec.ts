import { faqConfidence } from './faq-confidence.js';

const reset = { question: 'How do I reset my password?', keywords: ['password', 'reset', 'login'], rank: 0.4 };

describe('faqConfidence', () => {
  it('is high for the same question in other words', () => {
    expect(faqConfidence('How can I reset my password', reset)).toBeGreaterThanOrEqual(0.8);
    expect(faqConfidence('I forgot my password, how do I reset it?', reset)).toBeGreaterThanOrEqual(0.8);
  });

  it('is low for a different question that shares one word', () => {
    expect(faqConfidence('Can I change the password of my company billing account and get an invoice?', reset)).toBeLessThan(0.8);
  });

  it('is zero with nothing in common or an empty query', () => {
    expect(faqConfidence('What are your opening hours?', reset)).toBeLessThan(0.2);
    expect(faqConfidence('???', reset)).toBe(0);
  });

  it('stays within [0, 1]', () => {
    const value = faqConfidence('reset password login', { ...reset, rank: 5 });
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThanOrEqual(1);
  });
});
