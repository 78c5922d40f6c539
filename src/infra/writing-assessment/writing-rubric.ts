import type { WritingScores } from './writing-assessor.js';

/** The fixed rubric prompt: the same instructions for every answer, so scores are comparable. */
export const WRITING_RUBRIC_PROMPT = `You are a certified CEFR writing examiner. Score the candidate's answer to the task on three criteria, each an integer from 0 to 100:
- grammar: accuracy and range of grammatical structures, spelling and punctuation;
- coherence: organisation, linking of ideas, relevance to the task;
- vocabulary: range, precision and appropriacy of word choice.
An answer that ignores the task scores at most 20 on coherence. Judge only the language, never the opinions expressed.
Reply with JSON only: {"grammar": n, "coherence": n, "vocabulary": n, "feedback": "one or two sentences for the candidate"}`;

const clampScore = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : Number.NaN;
  return Number.isFinite(n) ? Math.max(0, Math.min(100, Math.round(n))) : null;
};

/** Reads the model's JSON reply; null when it does not follow the rubric's format. */
export function parseRubricReply(content: string, model: string): WritingScores | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const reply = parsed as Record<string, unknown>;
  const grammar = clampScore(reply.grammar);
  const coherence = clampScore(reply.coherence);
  const vocabulary = clampScore(reply.vocabulary);
  if (grammar === null || coherence === null || vocabulary === null) return null;
  const overall = Math.round(((grammar + coherence + vocabulary) / 3) * 10) / 10;
  return { grammar, coherence, vocabulary, overall, feedback: typeof reply.feedback === 'string' ? reply.feedback : '', model };
}
