import { retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  it('waits the base delay after the first failure and doubles after each further one', () => {
    expect([1, 2, 3, 4].map((failures) => retryDelayMs(100, failures))).toEqual([100, 200, 400, 800]);
  });
});
