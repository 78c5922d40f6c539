import type { ModelPrice } from '../../config/ai-config.js';

/**
 * Cost of one call in millionths of a US dollar (integer), from a price table in USD per one
 * million tokens. A model missing from the table costs 0 (and is visible as such in analytics).
 */
export function costMicros(model: string, promptTokens: number, completionTokens: number, prices: Record<string, ModelPrice>): number {
  const price = prices[model];
  if (!price) return 0;
  return Math.round(promptTokens * price.prompt + completionTokens * price.completion);
}
