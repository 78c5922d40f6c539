import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { ManualSpeechProvider } from './manual-speech.provider.js';
import { SpeechProvider } from './speech.provider.js';
import { importOptional } from '../optional-sdk.js';

@Module({
  providers: [
    {
      provide: SpeechProvider,
      inject: [AppConfig],
      // The assemblyai SDK is loaded only when a key is configured.
      useFactory: async (config: AppConfig): Promise<SpeechProvider> => {
        const { apiKey, baseUrl, pollIntervalMs } = config.proctoring.assemblyAi;
        if (!apiKey) return new ManualSpeechProvider();
        const { AssemblyAiSpeechProvider } = await importOptional(() => import('./assemblyai-speech.provider.js'));
        return new AssemblyAiSpeechProvider({ apiKey, baseUrl, pollIntervalMs });
      },
    },
  ],
  exports: [SpeechProvider],
})
export class SpeechModule {}
