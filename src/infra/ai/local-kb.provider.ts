import type { AiProvider, CompletionRequest, CompletionResult } from './ai-provider.js';

export const LOCAL_MODEL = 'local-kb';

/**
 * The offline answerer: no language model, only the knowledge base. It says so plainly and offers a
 * human when the knowledge base has nothing close.
 */
export class LocalKnowledgeProvider implements AiProvider {
  readonly name = 'local' as const;
  readonly model = LOCAL_MODEL;

  complete(request: CompletionRequest): Promise<CompletionResult> {
    const [best] = request.knowledge;
    const content = best
      ? `I'm the offline help assistant (no AI model is connected), so I can only share our help articles. The closest one is "${best.question}":\n\n${best.answer}\n\nIf this doesn't solve it, I can connect you with a human agent.`
      : "I'm the offline help assistant (no AI model is connected) and I couldn't find this in our help articles. Would you like me to connect you with a human agent?";
    request.onChunk?.(content);
    // With nothing in the knowledge base, suggest a human the same way a model would.
    const marked = best ? content : `${content} [ESCALATE]`;
    return Promise.resolve({ content: marked, model: LOCAL_MODEL, promptTokens: 0, completionTokens: 0 });
  }
}
