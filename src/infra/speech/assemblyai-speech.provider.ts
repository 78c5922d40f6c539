import { Logger } from '@nestjs/common';
import { AssemblyAI } from 'assemblyai';
import { scoreSpeech } from './speech-metrics.js';
import { SpeechEvaluation, SpeechProvider } from './speech.provider.js';

/** AssemblyAI: uploads the audio, transcribes it (polling until done) and scores the words. */
export class AssemblyAiSpeechProvider extends SpeechProvider {
  readonly enabled = true;
  private readonly logger = new Logger(AssemblyAiSpeechProvider.name);
  private readonly client: AssemblyAI;
  private readonly pollIntervalMs: number;

  constructor(options: { apiKey: string; baseUrl: string; pollIntervalMs: number }) {
    super();
    this.client = new AssemblyAI({ apiKey: options.apiKey, baseUrl: options.baseUrl });
    this.pollIntervalMs = options.pollIntervalMs;
  }

  async evaluate(audio: Buffer, options: { languageCode: string; referenceText?: string }): Promise<SpeechEvaluation> {
    const transcript = await this.client.transcripts.transcribe(
      { audio, language_code: options.languageCode },
      { pollingInterval: this.pollIntervalMs, pollingTimeout: 10 * 60_000 },
    );
    if (transcript.status === 'error') {
      this.logger.warn(`AssemblyAI transcript ${transcript.id} failed: ${transcript.error ?? 'unknown error'}`);
      throw new Error(`Transcription failed: ${transcript.error ?? 'unknown error'}`);
    }
    const words = (transcript.words ?? []).map((w) => ({ text: w.text, confidence: w.confidence, start: w.start, end: w.end }));
    return { provider: 'assemblyai', providerRef: transcript.id, transcript: transcript.text ?? '', ...scoreSpeech(words, options.referenceText) };
  }
}
