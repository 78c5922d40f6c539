import { significantTokens } from '../faqs/text-tokens.js';

/** Near-duplicate questions ("How do I get a refund?", "how can i get refunds") share one key. */
export function questionGroupKey(question: string): string {
  const tokens = significantTokens(question).sort();
  return tokens.length ? tokens.join(' ') : question.trim().toLowerCase().slice(0, 100);
}

const QUESTION_START = /^(how|what|why|when|where|who|which|can|could|is|are|do|does|did|will|would|should|may|i need|i want|i can't|i cannot|help)\b/i;

/** Whether a message asks something (worth an FAQ), as opposed to "thanks" or "ok". */
export function looksLikeQuestion(text: string): boolean {
  const trimmed = text.trim();
  if (significantTokens(trimmed).length < 2) return false;
  return trimmed.includes('?') || QUESTION_START.test(trimmed);
}
