import type { AiProviderName } from '../../config/ai-config.js';

export const AI_PROVIDER = Symbol('AI_PROVIDER');

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface KnowledgeSnippet {
  question: string;
  answer: string;
}

export interface CompletionRequest {
  /** The fixed system prompt (rules, style, knowledge base); always sent first, in the system slot. */
  system: string;
  /** History and the current user message, oldest first; user text only ever travels here. */
  turns: ChatTurn[];
  maxTokens: number;
  temperature: number;
  /** The best FAQs, for providers that answer from the knowledge base alone (local). */
  knowledge: KnowledgeSnippet[];
  /** Called with each piece of text as it is generated. */
  onChunk?: (delta: string) => void;
}

export interface CompletionResult {
  content: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/** One chat-completion provider: OpenAI, Groq, Gemini or the offline knowledge-base answerer. */
export interface AiProvider {
  readonly name: AiProviderName;
  readonly model: string;
  complete(request: CompletionRequest): Promise<CompletionResult>;
}

/** A provider call failed for good (after retries); the pipeline falls back. */
export class AiProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Rough count for providers that report no usage (about four characters per token). */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
