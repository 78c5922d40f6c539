import OpenAI from 'openai';
import type { AiConfig } from '../../config/ai-config.js';
import { AiProviderError, estimateTokens, type AiProvider, type CompletionRequest, type CompletionResult } from './ai-provider.js';
import { isRetryableOpenAiError } from './openai-errors.js';
import { withRetry } from './retry.js';

/**
 * OpenAI chat completions, streamed; also serves Groq (and any OpenAI-compatible server) through
 * the base URL. Retries happen only while nothing has been streamed, so a reply is never doubled.
 */
export class OpenAiCompatibleProvider implements AiProvider {
  readonly name: 'openai' | 'groq';
  readonly model: string;
  private readonly client: OpenAI;

  constructor(private readonly config: AiConfig) {
    this.name = config.provider === 'groq' ? 'groq' : 'openai';
    this.model = config.model;
    this.client = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl, timeout: config.timeoutMs, maxRetries: 0 });
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    let streamed = false;
    try {
      return await withRetry(
        async () => {
          const stream = await this.client.chat.completions.create({
            model: this.model,
            messages: [{ role: 'system', content: request.system }, ...request.turns],
            max_tokens: request.maxTokens,
            temperature: request.temperature,
            stream: true,
            stream_options: { include_usage: true },
          });
          let content = '';
          let usage: OpenAI.CompletionUsage | undefined;
          let model = this.model;
          for await (const chunk of stream) {
            const delta = chunk.choices[0]?.delta?.content;
            if (delta) {
              streamed = true;
              content += delta;
              request.onChunk?.(delta);
            }
            if (chunk.usage) usage = chunk.usage;
            if (chunk.model) model = chunk.model;
          }
          if (!content.trim()) throw new AiProviderError('The model returned an empty reply', true);
          return {
            content,
            model,
            promptTokens: usage?.prompt_tokens ?? estimateTokens(request.system + request.turns.map((t) => t.content).join('\n')),
            completionTokens: usage?.completion_tokens ?? estimateTokens(content),
          };
        },
        {
          retries: this.config.maxRetries,
          baseMs: this.config.retryBaseMs,
          shouldRetry: (error) => !streamed && (isRetryableOpenAiError(error) || (error instanceof AiProviderError && error.retryable)),
        },
      );
    } catch (error) {
      if (error instanceof AiProviderError) throw error;
      throw new AiProviderError(`${this.name} call failed: ${(error as Error).message}`, isRetryableOpenAiError(error), { cause: error });
    }
  }
}
