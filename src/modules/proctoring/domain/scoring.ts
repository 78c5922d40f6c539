import type { QuestionType } from '../../../generated/prisma/enums.js';

export const OBJECTIVE_TYPES: readonly QuestionType[] = ['AUDIO_MCQ', 'READING_MCQ', 'FILL_BLANK'];
export const isObjective = (type: QuestionType): boolean => OBJECTIVE_TYPES.includes(type);

/** Case, surrounding and repeated spaces, and a trailing full stop do not make a fill-blank answer wrong. */
export function normalizeFillBlank(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').replace(/[.]+$/, '').toLowerCase();
}

/** 1 for a correct answer, 0 otherwise. MCQ answers must equal an option exactly. */
export function scoreObjective(type: QuestionType, correctAnswers: readonly string[], response: string): number {
  if (type === 'FILL_BLANK') {
    const given = normalizeFillBlank(response);
    return correctAnswers.some((accepted) => normalizeFillBlank(accepted) === given) ? 1 : 0;
  }
  return correctAnswers.includes(response) ? 1 : 0;
}

export interface SectionInput {
  id: string;
  title: string;
  weight: number;
  /** Each question's points and the answer's score in 0..1 (null: unanswered, counts as 0). */
  questions: { points: number; score: number | null }[];
}

export interface SectionScore {
  sectionId: string;
  title: string;
  weight: number;
  /** 0..100 */
  score: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Per-section percentage and the weighted total (0..100); sections without points count as 0. */
export function weightedScore(sections: readonly SectionInput[]): { total: number; sections: SectionScore[] } {
  const scored = sections.map((section) => {
    const possible = section.questions.reduce((sum, q) => sum + q.points, 0);
    const earned = section.questions.reduce((sum, q) => sum + q.points * (q.score ?? 0), 0);
    return { sectionId: section.id, title: section.title, weight: section.weight, score: possible ? (earned / possible) * 100 : 0 };
  });
  const totalWeight = scored.reduce((sum, s) => sum + s.weight, 0);
  const total = totalWeight ? scored.reduce((sum, s) => sum + s.score * s.weight, 0) / totalWeight : 0;
  return { total: round2(total), sections: scored.map((s) => ({ ...s, score: round2(s.score) })) };
}
