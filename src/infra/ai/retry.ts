export interface RetryOptions {
  retries: number;
  baseMs: number;
  /** Whether a failure may be retried (e.g. 429, 5xx, timeouts; never after output was streamed). */
  shouldRetry: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Delay before retry `attempt` (1-based): exponential, base * 2^(attempt-1), capped at 8 s. */
export const backoffDelay = (attempt: number, baseMs: number): number => Math.min(baseMs * 2 ** (attempt - 1), 8_000);

/** Runs `task`, retrying retryable failures with exponential back-off; rethrows the last error. */
export async function withRetry<T>(task: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await task(attempt);
    } catch (error) {
      if (attempt >= options.retries || !options.shouldRetry(error)) throw error;
      await sleep(backoffDelay(attempt + 1, options.baseMs));
    }
  }
}
