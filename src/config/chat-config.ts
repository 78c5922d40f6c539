import type { AiConfig } from './ai-config.js';

/** The AI providers' retry back-off (`infra/ai/retry.ts`) never waits longer than this between calls. */
const MAX_BACKOFF_MS = 8_000;
const MARGIN_MS = 5_000;
const LOCAL_ANSWER_MS = 5_000;

/**
 * How long an answer can take at worst with these AI settings, plus a margin: every call allowed
 * timing out and every back-off between them. The local provider answers from the database at once.
 */
export function slowestAnswerMs(ai: Pick<AiConfig, 'provider' | 'timeoutMs' | 'maxRetries' | 'retryBaseMs'>): number {
  if (ai.provider === 'local') return LOCAL_ANSWER_MS + MARGIN_MS;
  let backoff = 0;
  for (let retry = 0; retry < ai.maxRetries; retry += 1) backoff += Math.min(MAX_BACKOFF_MS, ai.retryBaseMs * 2 ** retry);
  return (ai.maxRetries + 1) * ai.timeoutMs + backoff + MARGIN_MS;
}
