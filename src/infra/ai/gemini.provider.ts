import { ApiError, GoogleGenAI } from '@google/genai';
import type { AiConfig } from '../../config/ai-config.js';
import { AiProviderError, estimateTokens, type AiProvider, type CompletionRequest, type CompletionResult } from './ai-provider.js';
import { withRetry } from './retry.js';

const isRetryable = (error: unknown): boolean => {
  if (error instanceof ApiError) return error.status === 429 || error.status >= 500;
  return error instanceof TypeError || (error instanceof Error && /timeout|aborted|ECONNRE/i.test(error.message));
};

/** Gemini through @google/genai, streamed, with the system prompt as the system instruction. */
export class GeminiProvider implements AiProvider {
  readonly name = 'gemini' as const;
  readonly model: string;
  private readonly client: GoogleGenAI;

  constructor(private readonly config: AiConfig) {
    this.model = config.model;
    this.client = new GoogleGenAI({
      apiKey: config.apiKey,
      httpOptions: {
        timeout: config.timeoutMs,
        // One retry policy (ours, below) rather than two stacked ones.
        retryOptions: { attempts: 1 },
        // An explicit fetch skips the SDK's lookup of Undici's global dispatcher, which is missing
        // where globalThis is not Node's own (Jest's VM); our timeouts stay well under Undici's 300 s.
        fetch: (input, init) => globalThis.fetch(input, init),
        ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}),
      },
    });
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    let streamed = false;
    try {
      return await withRetry(
        async () => {
          const stream = await this.client.models.generateContentStream({
            model: this.model,
            contents: request.turns.map((turn) => ({ role: turn.role === 'assistant' ? 'model' : 'user', parts: [{ text: turn.content }] })),
            config: { systemInstruction: request.system, maxOutputTokens: request.maxTokens, temperature: request.temperature },
          });
          let content = '';
          let promptTokens: number | undefined;
          let completionTokens: number | undefined;
          for await (const chunk of stream) {
            const delta = chunk.text;
            if (delta) {
              streamed = true;
              content += delta;
              request.onChunk?.(delta);
            }
            promptTokens = chunk.usageMetadata?.promptTokenCount ?? promptTokens;
            completionTokens = chunk.usageMetadata?.candidatesTokenCount ?? completionTokens;
          }
          if (!content.trim()) throw new AiProviderError('The model returned an empty reply', true);
          return {
            content,
            model: this.model,
            promptTokens: promptTokens ?? estimateTokens(request.system + request.turns.map((t) => t.content).join('\n')),
            completionTokens: completionTokens ?? estimateTokens(content),
          };
        },
        {
          retries: this.config.maxRetries,
          baseMs: this.config.retryBaseMs,
          shouldRetry: (error) => !streamed && (isRetryable(error) || (error instanceof AiProviderError && error.retryable)),
        },
      );
    } catch (error) {
      if (error instanceof AiProviderError) throw error;
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new AiProviderError(`gemini call failed: ${(error as Error).message}${cause ? ` (${cause})` : ''}`, isRetryable(error), { cause: error });
    }
  }
}
