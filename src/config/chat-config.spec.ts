import { slowestAnswerMs } from './chat-config.js';

describe('slowestAnswerMs', () => {
  it('allows every call to time out and every back-off between them, plus a margin', () => {
    // 3 calls of 20 s, back-offs of 250 and 500 ms, 5 s margin.
    expect(slowestAnswerMs({ provider: 'openai', timeoutMs: 20_000, maxRetries: 2, retryBaseMs: 250 })).toBe(65_750);
    // Back-offs are capped at 8 s each.
    expect(slowestAnswerMs({ provider: 'gemini', timeoutMs: 1_000, maxRetries: 3, retryBaseMs: 5_000 })).toBe(4 * 1_000 + 5_000 + 8_000 + 8_000 + 5_000);
  });

  it('is short for the local provider, which calls nothing', () => {
    expect(slowestAnswerMs({ provider: 'local', timeoutMs: 20_000, maxRetries: 2, retryBaseMs: 250 })).toBe(10_000);
  });
});
