export interface EventuallyOptions {
  /** How long the check may keep failing before the wait fails (default 5 s). */
  timeoutMs?: number;
  /** The pause between two attempts (default 25 ms). */
  intervalMs?: number;
  /** What is awaited, for the failure message ("the failed mail job"). */
  what?: string;
}

/** What `check` gives when it passes: its value, without the `false` that means "not yet". */
type Passed<T> = Exclude<Awaited<T>, false>;

const OUT_OF_TIME = Symbol('out of time');
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits for something the application does in the background (a queued job, an event fanned out
 * through Redis, a row written after the response) instead of sleeping a fixed time: runs `check`
 * until it passes, and returns what it returned.
 *
 * `check` fails by throwing (an `expect(...)` that does not hold yet) or by returning `false`; any
 * other return value passes. Each attempt is bounded by the time left, so a check that hangs fails
 * the wait too. When time runs out the error names what was awaited and carries the last failure
 * (its message, and as `cause`).
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<Passed<T>> {
  const { timeoutMs = 5_000, intervalMs = 25, what = 'the condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let attempts = 0;
  let lastError: unknown;
  for (;;) {
    attempts += 1;
    let timer: NodeJS.Timeout | undefined;
    const outOfTime = new Promise<typeof OUT_OF_TIME>((resolve) => {
      timer = setTimeout(() => resolve(OUT_OF_TIME), Math.max(deadline - Date.now(), 0));
    });
    try {
      const result = await Promise.race([Promise.resolve().then(check), outOfTime]);
      if (result === OUT_OF_TIME) {
        lastError = new Error(`attempt ${attempts} was still running`);
      } else if (result === false) {
        lastError = new Error('the check returned false');
      } else {
        return result as Passed<T>;
      }
    } catch (error) {
      lastError = error;
    } finally {
      clearTimeout(timer);
    }
    if (Date.now() >= deadline) {
      const last = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`Waited ${timeoutMs} ms (${attempts} attempts) for ${what}; the last attempt failed with:\n${last}`, { cause: lastError });
    }
    await pause(Math.min(intervalMs, Math.max(deadline - Date.now(), 0)));
  }
}
