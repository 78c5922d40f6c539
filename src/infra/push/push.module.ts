import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { FirebasePushProvider } from './firebase-push.provider.js';
import { NoPushProvider, PushProvider } from './push.provider.js';

@Module({
  providers: [
    {
      provide: PushProvider,
      inject: [AppConfig],
      useFactory: (config: AppConfig): PushProvider => {
        const { serviceAccount, apiOrigin } = config.donorDesk.firebase;
        if (!serviceAccount) return new NoPushProvider();
        return new FirebasePushProvider(serviceAccount, apiOrigin);
      },
    },
  ],
  exports: [PushProvider],
})
export class PushModule {}
