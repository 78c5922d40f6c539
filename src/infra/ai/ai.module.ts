import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { AI_PROVIDER, type AiProvider } from './ai-provider.js';
import { LocalKnowledgeProvider } from './local-kb.provider.js';
import { LocalModerationProvider } from './local-moderation.provider.js';
import { MODERATION_PROVIDER, type ModerationProvider } from './moderation.provider.js';
import { importOptional } from '../optional-sdk.js';

/** The SDK of a provider (openai, @google/genai) is loaded only when that provider is configured. */
export async function createAiProvider(config: AppConfig): Promise<AiProvider> {
  switch (config.ai.provider) {
    case 'openai':
    case 'groq': {
      const { OpenAiCompatibleProvider } = await importOptional(() => import('./openai-compatible.provider.js'));
      return new OpenAiCompatibleProvider(config.ai);
    }
    case 'gemini': {
      const { GeminiProvider } = await importOptional(() => import('./gemini.provider.js'));
      return new GeminiProvider(config.ai);
    }
    case 'local':
      return new LocalKnowledgeProvider();
  }
}

export async function createModerationProvider(config: AppConfig): Promise<ModerationProvider> {
  if (config.ai.moderation !== 'openai') return new LocalModerationProvider();
  const { OpenAiModerationProvider } = await importOptional(() => import('./openai-moderation.provider.js'));
  return new OpenAiModerationProvider(config.ai);
}

/** The chat model and the moderation filter, chosen by configuration (offline defaults without keys). */
@Global()
@Module({
  providers: [
    { provide: AI_PROVIDER, useFactory: createAiProvider, inject: [AppConfig] },
    { provide: MODERATION_PROVIDER, useFactory: createModerationProvider, inject: [AppConfig] },
  ],
  exports: [AI_PROVIDER, MODERATION_PROVIDER],
})
export class AiModule {}
