/** Exponential back-off, as BullMQ computes it: the base delay after the first failure, doubling after each further one. */
export function retryDelayMs(baseMs: number, failuresSoFar: number): number {
  return Math.round(baseMs * 2 ** Math.max(0, failuresSoFar - 1));
}
