import { Logger } from '@nestjs/common';
import OpenAI from 'openai';
import type { AiConfig } from '../../config/ai-config.js';
import { moderateLocally, type ModerationResult } from './local-moderation.js';
import type { ModerationProvider } from './moderation.provider.js';
import { isRetryableOpenAiError } from './openai-errors.js';
import { withRetry } from './retry.js';

/** OpenAI's moderation endpoint; if it stays unreachable, the local word list decides instead. */
export class OpenAiModerationProvider implements ModerationProvider {
  readonly name = 'openai' as const;
  private readonly logger = new Logger(OpenAiModerationProvider.name);
  private readonly client: OpenAI;

  constructor(private readonly config: AiConfig) {
    this.client = new OpenAI({ apiKey: config.openai.apiKey, baseURL: config.openai.baseUrl, timeout: config.timeoutMs, maxRetries: 0 });
  }

  async check(text: string): Promise<ModerationResult> {
    try {
      const response = await withRetry(() => this.client.moderations.create({ model: 'omni-moderation-latest', input: text }), {
        retries: this.config.maxRetries,
        baseMs: this.config.retryBaseMs,
        shouldRetry: isRetryableOpenAiError,
      });
      const result = response.results[0];
      const categories = Object.entries(result?.categories ?? {})
        .filter(([, flagged]) => flagged === true)
        .map(([category]) => category);
      return { flagged: Boolean(result?.flagged), categories };
    } catch (error) {
      this.logger.warn(`Moderation API failed, using the local filter: ${(error as Error).message}`);
      return moderateLocally(text);
    }
  }
}
