import { ConfigError, type EnvironmentVariables } from './environment.js';

export type AiProviderName = 'local' | 'openai' | 'groq' | 'gemini';

/** USD per one million tokens, for prompt and completion. */
export interface ModelPrice {
  prompt: number;
  completion: number;
}

export interface AiConfig {
  provider: AiProviderName;
  /** The chat model of the chosen provider ('local-kb' for the offline knowledge-base answerer). */
  model: string;
  apiKey?: string;
  /** Base URL of the provider's API (tests point the real client libraries at a stand-in server). */
  baseUrl?: string;
  openai: { apiKey?: string; baseUrl?: string };
  moderation: 'openai' | 'local';
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  faqConfidence: number;
  prices: Record<string, ModelPrice>;
  customInstructionsMax: number;
}

const DEFAULT_MODELS: Record<AiProviderName, string> = {
  local: 'local-kb',
  openai: 'gpt-4o-mini',
  groq: 'llama-3.1-8b-instant',
  gemini: 'gemini-2.0-flash',
};

/** Public list prices (USD per 1M tokens); AI_PRICE_TABLE overrides or extends them. */
export const DEFAULT_PRICES: Record<string, ModelPrice> = {
  'local-kb': { prompt: 0, completion: 0 },
  'gpt-4o-mini': { prompt: 0.15, completion: 0.6 },
  'gpt-4o': { prompt: 2.5, completion: 10 },
  'gpt-3.5-turbo': { prompt: 0.5, completion: 1.5 },
  'llama-3.1-8b-instant': { prompt: 0.05, completion: 0.08 },
  'llama-3.3-70b-versatile': { prompt: 0.59, completion: 0.79 },
  'gemini-2.0-flash': { prompt: 0.1, completion: 0.4 },
};

/** Parses AI_PRICE_TABLE: `{"model": {"prompt": usdPer1M, "completion": usdPer1M}}`. */
export function parsePriceTable(raw: string | undefined): Record<string, ModelPrice> {
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('Invalid configuration: AI_PRICE_TABLE must be JSON like {"gpt-4o-mini":{"prompt":0.15,"completion":0.6}}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('Invalid configuration: AI_PRICE_TABLE must be a JSON object');
  const table: Record<string, ModelPrice> = {};
  for (const [model, price] of Object.entries(parsed as Record<string, unknown>)) {
    const { prompt, completion } = (price ?? {}) as Record<string, unknown>;
    if (typeof prompt !== 'number' || typeof completion !== 'number' || prompt < 0 || completion < 0) {
      throw new ConfigError(`Invalid configuration: AI_PRICE_TABLE["${model}"] needs non-negative numbers "prompt" and "completion"`);
    }
    table[model] = { prompt, completion };
  }
  return table;
}

export function buildAiConfig(env: EnvironmentVariables): AiConfig {
  const provider = env.AI_PROVIDER;
  const keys: Record<AiProviderName, string | undefined> = {
    local: undefined,
    openai: env.OPENAI_API_KEY,
    groq: env.GROQ_API_KEY,
    gemini: env.GEMINI_API_KEY,
  };
  const baseUrls: Record<AiProviderName, string | undefined> = {
    local: undefined,
    openai: env.OPENAI_BASE_URL,
    groq: env.GROQ_BASE_URL,
    gemini: env.GEMINI_BASE_URL,
  };
  if (provider !== 'local' && !keys[provider]) {
    throw new ConfigError(`Invalid configuration: AI_PROVIDER=${provider} needs ${provider.toUpperCase()}_API_KEY`);
  }
  const moderation = env.AI_MODERATION === 'auto' ? (env.OPENAI_API_KEY ? 'openai' : 'local') : env.AI_MODERATION;
  if (moderation === 'openai' && !env.OPENAI_API_KEY) {
    throw new ConfigError('Invalid configuration: AI_MODERATION=openai needs OPENAI_API_KEY');
  }
  return {
    provider,
    model: provider === 'local' ? DEFAULT_MODELS.local : (env.AI_MODEL ?? DEFAULT_MODELS[provider]),
    apiKey: keys[provider],
    baseUrl: baseUrls[provider],
    openai: { apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL },
    moderation,
    timeoutMs: env.AI_TIMEOUT_MS,
    maxRetries: env.AI_MAX_RETRIES,
    retryBaseMs: env.AI_RETRY_BASE_MS,
    faqConfidence: env.AI_FAQ_CONFIDENCE,
    prices: { ...DEFAULT_PRICES, ...parsePriceTable(env.AI_PRICE_TABLE) },
    customInstructionsMax: env.AI_CUSTOM_INSTRUCTIONS_MAX,
  };
}
