const SECRET_KEY = /pass(word)?|secret|token|otp|code|key|hash|auth|credential|cookie/i;
const MAX_STRING = 200;
const MAX_DEPTH = 4;

/**
 * A copy of a job payload fit to show staff: values under secret-looking keys (passwords, tokens,
 * OTP codes, keys) become "[redacted]", long strings are cut, deep nesting is summarised.
 */
export function redactPayload(payload: unknown, depth = 0): Record<string, unknown> {
  const value = redactValue(payload, depth);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `[${value.length} items]` : '{…}';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? '[redacted]' : redactValue(item, depth + 1)]));
}
