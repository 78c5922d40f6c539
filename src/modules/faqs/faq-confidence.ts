import { significantTokens } from './text-tokens.js';

export interface FaqCandidate {
  question: string;
  keywords: string[];
  /** PostgreSQL ts_rank_cd of the candidate for the query (0 when unknown). */
  rank: number;
}

/**
 * How sure we are that `faq` answers `query`, in [0, 1]: the F1 overlap of the significant words of
 * the query and the FAQ question (70%), the share of the FAQ's keywords present in the query (20%),
 * and the full-text rank (10%). At or above the configured bar (0.8) the FAQ answers on its own.
 */
export function faqConfidence(query: string, faq: FaqCandidate): number {
  const queryTokens = significantTokens(query);
  const questionTokens = significantTokens(faq.question);
  if (!queryTokens.length || !questionTokens.length) return 0;
  const shared = questionTokens.filter((token) => queryTokens.includes(token)).length;
  const precision = shared / queryTokens.length;
  const recall = shared / questionTokens.length;
  const f1 = shared ? (2 * precision * recall) / (precision + recall) : 0;

  const keywords = faq.keywords.map((keyword) => significantTokens(keyword)).filter((tokens) => tokens.length);
  const keywordHits = keywords.filter((tokens) => tokens.every((token) => queryTokens.includes(token))).length;
  const keywordScore = keywords.length ? Math.min(1, keywordHits / Math.min(2, keywords.length)) : f1;

  const rankScore = Math.min(1, faq.rank / 0.5);
  const confidence = 0.7 * f1 + 0.2 * keywordScore + 0.1 * rankScore;
  return Math.round(Math.min(1, confidence) * 1000) / 1000;
}
