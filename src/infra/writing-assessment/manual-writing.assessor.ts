import { WritingAssessor, WritingScores } from './writing-assessor.js';

/** Offline default: writing answers wait for staff. */
export class ManualWritingAssessor extends WritingAssessor {
  readonly enabled = false;

  assess(): Promise<WritingScores> {
    return Promise.reject(new Error('No writing assessor is configured (set PROCTORING_WRITING_AI_API_KEY)'));
  }
}
