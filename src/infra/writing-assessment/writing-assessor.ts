export interface WritingScores {
  /** 0..100 each */
  grammar: number;
  coherence: number;
  vocabulary: number;
  overall: number;
  feedback: string;
  model: string;
}

/**
 * Scores a written answer against a fixed rubric. `enabled` is false for the offline default:
 * writing answers then wait for staff to score them.
 */
export abstract class WritingAssessor {
  abstract readonly enabled: boolean;
  abstract assess(input: { prompt: string; answer: string; language: string }): Promise<WritingScores>;
}
