import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { DailyVideoProvider } from './daily-video.provider.js';
import { UnavailableVideoProvider } from './unavailable-video.provider.js';
import { VideoProvider } from './video.provider.js';

@Module({
  providers: [
    {
      provide: VideoProvider,
      inject: [AppConfig],
      useFactory: (config: AppConfig): VideoProvider => {
        const { apiKey, apiUrl } = config.donorDesk.daily;
        return apiKey ? new DailyVideoProvider(apiKey, apiUrl) : new UnavailableVideoProvider();
      },
    },
  ],
  exports: [VideoProvider],
})
export class VideoModule {}
