import { looksLikeQuestion, questionGroupKey, sameQuestion } from './question-key.js';

const same = (a: string, b: string) => sameQuestion(questionGroupKey(a), questionGroupKey(b));

describe('questionGroupKey', () => {
  it('groups near-duplicates', () => {
    expect(questionGroupKey('How do I get a refund?')).toBe(questionGroupKey('how can i get refunds'));
    expect(questionGroupKey('Can I pay with PayPal?')).toBe(questionGroupKey('PayPal: can I pay with it'));
    expect(questionGroupKey('How do I get a refund?')).not.toBe(questionGroupKey('How do I get an invoice?'));
  });
});

describe('sameQuestion', () => {
  it('takes case, punctuation, stop words, word order and plurals as the same question', () => {
    expect(same('Do you ship parcels to Antarctica?', 'antarctica: do you ship a parcel there')).toBe(true);
    expect(same('How do I reset my password?', 'how can I reset the password')).toBe(true);
  });

  it('takes small typos in longer words as the same question', () => {
    expect(same('Do you ship parcels to Antarctica?', 'do you ship parcel to antartica')).toBe(true);
    expect(same('How do I reset my password?', 'how do i reset my pasword')).toBe(true);
    expect(same('Where is my refund?', 'where is my refnud')).toBe(true);
    expect(same('Can I cancel my subscription?', 'can i cancel my subscriptoin')).toBe(true);
  });

  it('keeps different questions apart', () => {
    expect(same('How do I change my billing address?', 'How do I change my shipping address?')).toBe(false);
    expect(same('How do I change my email?', 'How do I change my name?')).toBe(false);
    expect(same('Can I cancel my order?', 'Can I cancel my subscription?')).toBe(false);
    expect(same('How do I reset my password?', 'How do I reset my password and my email?')).toBe(false);
    // Short words allow no typo: one letter is another word.
    expect(same('Where is my bill?', 'Where is my ball?')).toBe(false);
    // A different first letter is a different word, not a typo.
    expect(same('Is the price final?', 'Is the crice final?')).toBe(false);
  });

  it('matches each word once', () => {
    expect(sameQuestion('reset reset', 'reset resets')).toBe(true);
    expect(sameQuestion('parcel ship', 'parcel parcels')).toBe(false);
  });
});

describe('looksLikeQuestion', () => {
  it('tells questions and problems from small talk', () => {
    expect(looksLikeQuestion('Do you ship to Antarctica?')).toBe(true);
    expect(looksLikeQuestion('how to export my reports')).toBe(true);
    expect(looksLikeQuestion('I still cannot log in to the mobile app after the update')).toBe(true);
    expect(looksLikeQuestion('My order never arrived')).toBe(true);
    expect(looksLikeQuestion('thanks!')).toBe(false);
    expect(looksLikeQuestion('ok?')).toBe(false);
    expect(looksLikeQuestion('thanks, sounds good')).toBe(false);
    expect(looksLikeQuestion('Okay great, thank you so much!')).toBe(false);
  });
});
