import { eventually } from './eventually.js';

describe('eventually()', () => {
  it('retries a failing assertion until it holds and returns what the check returned', async () => {
    let calls = 0;
    const value = await eventually(
      () => {
        calls += 1;
        expect(calls).toBeGreaterThanOrEqual(3);
        return `after ${calls}`;
      },
      { intervalMs: 1 },
    );
    expect(value).toBe('after 3');
  });

  it('treats false as "not yet" and any other value as done', async () => {
    const answers: (number | false)[] = [false, false, 0];
    await expect(eventually(() => answers.shift() ?? -1, { intervalMs: 1 })).resolves.toBe(0);
  });

  it('fails after the timeout naming what it waited for, with the last failure as message and cause', async () => {
    let calls = 0;
    const error: Error = await eventually(
      () => {
        calls += 1;
        throw new Error(`not yet (${calls})`);
      },
      { timeoutMs: 100, intervalMs: 10, what: 'the thing' },
    ).then(
      () => {
        throw new Error('eventually() resolved');
      },
      (failure: Error) => failure,
    );
    expect(error.message).toMatch(/^Waited 100 ms \(\d+ attempts\) for the thing; the last attempt failed with:\nnot yet \(\d+\)$/);
    expect(error.message).toContain(`not yet (${calls})`);
    expect((error.cause as Error).message).toBe(`not yet (${calls})`);
  });

  it('bounds an attempt that never settles by the time left', async () => {
    const started = Date.now();
    await expect(eventually(() => new Promise<never>(() => undefined), { timeoutMs: 100, what: 'a hanging check' })).rejects.toThrow(
      /for a hanging check; the last attempt failed with:\nattempt 1 was still running/,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
