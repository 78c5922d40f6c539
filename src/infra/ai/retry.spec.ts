import { backoffDelay, withRetry } from './retry.js';

describe('withRetry', () => {
  it('retries retryable failures with exponential back-off and returns the first success', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('503');
        return 'ok';
      },
      { retries: 3, baseMs: 100, shouldRetry: () => true, sleep: async (ms) => void delays.push(ms) },
    );
    expect(result).toBe('ok');
    expect(delays).toEqual([100, 200]);
  });

  it('gives up after the retries and never retries a non-retryable error', async () => {
    let calls = 0;
    const failing = () =>
      withRetry(
        async () => {
          calls += 1;
          throw new Error('boom');
        },
        { retries: 2, baseMs: 1, shouldRetry: () => true, sleep: async () => undefined },
      );
    await expect(failing()).rejects.toThrow('boom');
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw new Error('400');
        },
        { retries: 5, baseMs: 1, shouldRetry: () => false },
      ),
    ).rejects.toThrow('400');
    expect(calls).toBe(1);
  });

  it('caps the delay', () => {
    expect(backoffDelay(1, 250)).toBe(250);
    expect(backoffDelay(20, 250)).toBe(8000);
  });
});
