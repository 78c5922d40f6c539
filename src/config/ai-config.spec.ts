import { AppConfig } from './app-config.js';

const base = { DATABASE_URL: 'postgresql://localhost/x', JWT_SECRET: 'x'.repeat(40) };

describe('AI configuration', () => {
  it('defaults to the offline knowledge-base answerer and local moderation', () => {
    const { ai } = AppConfig.fromEnv(base);
    expect(ai).toMatchObject({ provider: 'local', model: 'local-kb', moderation: 'local', faqConfidence: 0.8, maxRetries: 2 });
  });

  it('uses OpenAI moderation once an OpenAI key is set, and needs the key of the chosen provider', () => {
    expect(AppConfig.fromEnv({ ...base, OPENAI_API_KEY: 'sk' }).ai.moderation).toBe('openai');
    expect(() => AppConfig.fromEnv({ ...base, AI_PROVIDER: 'gemini' })).toThrow('GEMINI_API_KEY');
    expect(AppConfig.fromEnv({ ...base, AI_PROVIDER: 'groq', GROQ_API_KEY: 'g' }).ai).toMatchObject({
      model: 'llama-3.1-8b-instant',
      baseUrl: 'https://api.groq.com/openai/v1',
    });
  });

  it('merges and validates the price table', () => {
    const { ai } = AppConfig.fromEnv({ ...base, AI_PRICE_TABLE: '{"my-model":{"prompt":1,"completion":2}}' });
    expect(ai.prices['my-model']).toEqual({ prompt: 1, completion: 2 });
    expect(ai.prices['gpt-4o-mini']).toBeDefined();
    expect(() => AppConfig.fromEnv({ ...base, AI_PRICE_TABLE: '{"m":{"prompt":"cheap"}}' })).toThrow('AI_PRICE_TABLE');
    expect(() => AppConfig.fromEnv({ ...base, AI_FAQ_CONFIDENCE: '1.5' })).toThrow('AI_FAQ_CONFIDENCE');
  });
});
