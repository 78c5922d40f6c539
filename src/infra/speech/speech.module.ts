import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { AssemblyAiSpeechProvider, ManualSpeechProvider } from './assemblyai-speech.provider.js';
import { SpeechProvider } from './speech.provider.js';

@Module({
  providers: [
    {
      provide: SpeechProvider,
      inject: [AppConfig],
      useFactory: (config: AppConfig): SpeechProvider => {
        const { apiKey, baseUrl, pollIntervalMs } = config.proctoring.assemblyAi;
        return apiKey ? new AssemblyAiSpeechProvider({ apiKey, baseUrl, pollIntervalMs }) : new ManualSpeechProvider();
      },
    },
  ],
  exports: [SpeechProvider],
})
export class SpeechModule {}
