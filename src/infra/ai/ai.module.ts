import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { AI_PROVIDER, type AiProvider } from './ai-provider.js';
import { GeminiProvider } from './gemini.provider.js';
import { LocalKnowledgeProvider } from './local-kb.provider.js';
import { LocalModerationProvider } from './local-moderation.provider.js';
import { MODERATION_PROVIDER, type ModerationProvider } from './moderation.provider.js';
import { OpenAiCompatibleProvider } from './openai-compatible.provider.js';
import { OpenAiModerationProvider } from './openai-moderation.provider.js';

export function createAiProvider(config: AppConfig): AiProvider {
  switch (config.ai.provider) {
    case 'openai':
    case 'groq':
      return new OpenAiCompatibleProvider(config.ai);
    case 'gemini':
      return new GeminiProvider(config.ai);
    default:
      return new LocalKnowledgeProvider();
  }
}

export function createModerationProvider(config: AppConfig): ModerationProvider {
  return config.ai.moderation === 'openai' ? new OpenAiModerationProvider(config.ai) : new LocalModerationProvider();
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
