/** One recognised word: text, confidence 0..1, start and end in milliseconds. */
export interface SpokenWord {
  text: string;
  confidence: number;
  start: number;
  end: number;
}

export interface SpeechScores {
  /** 0..100 each */
  fluency: number;
  accuracy: number;
  pronunciation: number;
  overall: number;
}

export interface SpeechEvaluation extends SpeechScores {
  provider: string;
  providerRef?: string;
  transcript: string;
}

/**
 * Transcribes a spoken answer and scores it. `enabled` is false for the offline default: speaking
 * answers then wait for a person to score them.
 */
export abstract class SpeechProvider {
  abstract readonly enabled: boolean;
  abstract evaluate(audio: Buffer, options: { languageCode: string; referenceText?: string }): Promise<SpeechEvaluation>;
}
