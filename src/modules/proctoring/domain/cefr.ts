import { CEFR_LEVELS, type CefrLevel } from '../../../common/cefr.js';

/**
 * Lowest weighted score (0..100, inclusive) for each level, highest first. A score below every
 * cut-off is A1: the test places everyone who completes it on the scale.
 *
 *   C2 >= 90 · C1 >= 80 · B2 >= 65 · B1 >= 50 · A2 >= 35 · A1 below 35
 */
const CEFR_CUTOFFS: readonly { level: CefrLevel; minScore: number }[] = [
  { level: 'C2', minScore: 90 },
  { level: 'C1', minScore: 80 },
  { level: 'B2', minScore: 65 },
  { level: 'B1', minScore: 50 },
  { level: 'A2', minScore: 35 },
];

export function cefrFromScore(score: number): CefrLevel {
  if (!Number.isFinite(score)) throw new RangeError(`Score must be a finite number, got ${score}`);
  return CEFR_CUTOFFS.find((cutoff) => score >= cutoff.minScore)?.level ?? 'A1';
}

/** One level's score range: `minScore` ≤ score < `belowScore` (the top band runs to 100 inclusive). */
export interface CefrBand {
  level: CefrLevel;
  minScore: number;
  belowScore: number | null;
  range: string;
}

/** The score → level mapping as published to candidates, lowest level first (from CEFR_CUTOFFS). */
export const CEFR_BANDS: readonly CefrBand[] = CEFR_LEVELS.map((level) => {
  const minScore = CEFR_CUTOFFS.find((cutoff) => cutoff.level === level)?.minScore ?? 0;
  const next = CEFR_LEVELS[CEFR_LEVELS.indexOf(level) + 1];
  const belowScore = next ? (CEFR_CUTOFFS.find((cutoff) => cutoff.level === next)?.minScore ?? null) : null;
  return { level, minScore, belowScore, range: belowScore === null ? `${minScore} ≤ score ≤ 100` : `${minScore} ≤ score < ${belowScore}` };
});
