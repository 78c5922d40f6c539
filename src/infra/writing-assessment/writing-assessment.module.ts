import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { ManualWritingAssessor, OpenAiWritingAssessor } from './openai-writing.assessor.js';
import { WritingAssessor } from './writing-assessor.js';

@Module({
  providers: [
    {
      provide: WritingAssessor,
      inject: [AppConfig],
      useFactory: (config: AppConfig): WritingAssessor => {
        const { apiKey, baseUrl, model } = config.proctoring.writingAi;
        return apiKey ? new OpenAiWritingAssessor({ apiKey, baseUrl, model }) : new ManualWritingAssessor();
      },
    },
  ],
  exports: [WritingAssessor],
})
export class WritingAssessmentModule {}
