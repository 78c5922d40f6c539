import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { ManualWritingAssessor } from './manual-writing.assessor.js';
import { WritingAssessor } from './writing-assessor.js';
import { importOptional } from '../optional-sdk.js';

@Module({
  providers: [
    {
      provide: WritingAssessor,
      inject: [AppConfig],
      // The openai SDK is loaded only when a key is configured.
      useFactory: async (config: AppConfig): Promise<WritingAssessor> => {
        const { apiKey, baseUrl, model } = config.proctoring.writingAi;
        if (!apiKey) return new ManualWritingAssessor();
        const { OpenAiWritingAssessor } = await importOptional(() => import('./openai-writing.assessor.js'));
        return new OpenAiWritingAssessor({ apiKey, baseUrl, model });
      },
    },
  ],
  exports: [WritingAssessor],
})
export class WritingAssessmentModule {}
