import OpenAI from 'openai';

/** Rate limits, server errors, timeouts and dropped connections are worth another try. */
export function isRetryableOpenAiError(error: unknown): boolean {
  if (error instanceof OpenAI.APIConnectionError) return true; // includes APIConnectionTimeoutError
  if (error instanceof OpenAI.APIError) return error.status === 429 || (error.status ?? 0) >= 500;
  return false;
}
