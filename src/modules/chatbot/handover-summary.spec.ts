import { parseAiSummary, summariseFromConversation } from './handover-summary.js';

describe('summariseFromConversation', () => {
  it('builds the handover from the conversation: request, what was tried, open questions, mood', () => {
    const summary = summariseFromConversation(
      'Login',
      'FRUSTRATED',
      [
        { senderType: 'USER', content: 'I cannot log in' },
        { senderType: 'AI', content: 'Reset your password', source: 'FAQ', feedback: 'NEGATIVE' },
        { senderType: 'USER', content: 'The reset mail never comes' },
        { senderType: 'AI', content: 'Sorry, unavailable', source: 'FALLBACK' },
      ],
      'Need access today',
    );
    expect(summary).toEqual({
      customerRequest: 'I cannot log in',
      attempted: ['FAQ answer: Reset your password (customer: not helpful)', 'FALLBACK answer: Sorry, unavailable'],
      openQuestions: ['I cannot log in', 'The reset mail never comes', 'Escalation reason: Need access today'],
      mood: 'frustrated',
      generatedBy: 'conversation-data',
    });
  });
});

describe('parseAiSummary', () => {
  it('reads JSON wrapped in text and rejects other shapes', () => {
    expect(parseAiSummary('Here: {"customerRequest":"Refund","attempted":["x"],"openQuestions":[],"mood":"calm"}', 'neutral')).toMatchObject({
      customerRequest: 'Refund',
      generatedBy: 'ai',
    });
    expect(parseAiSummary('no json here', 'neutral')).toBeNull();
    expect(parseAiSummary('{"summary":"x"}', 'neutral')).toBeNull();
  });
});
