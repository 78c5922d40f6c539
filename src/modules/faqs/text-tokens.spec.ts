import { significantTokens, stem } from './text-tokens.js';

describe('significantTokens', () => {
  it('drops stop words and stems plurals and -ing forms', () => {
    expect(significantTokens('How do I reset my passwords?')).toEqual(['reset', 'password']);
    expect(stem('resetting')).toBe('reset');
    expect(stem('billed')).toBe('bil');
    expect(stem('class')).toBe('class');
  });

  it('deduplicates and ignores punctuation', () => {
    expect(significantTokens('Refund, refund!! REFUNDS?')).toEqual(['refund']);
  });
});
