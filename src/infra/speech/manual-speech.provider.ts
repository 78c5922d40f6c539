import { SpeechEvaluation, SpeechProvider } from './speech.provider.js';

/** Offline default: nothing is transcribed; speaking answers wait for manual review. */
export class ManualSpeechProvider extends SpeechProvider {
  readonly enabled = false;

  evaluate(): Promise<SpeechEvaluation> {
    return Promise.reject(new Error('No speech provider is configured (set ASSEMBLYAI_API_KEY)'));
  }
}
