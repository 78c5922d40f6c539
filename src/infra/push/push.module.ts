import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { NoPushProvider, PushProvider } from './push.provider.js';
import { importOptional } from '../optional-sdk.js';

@Module({
  providers: [
    {
      provide: PushProvider,
      inject: [AppConfig],
      // firebase-admin is loaded only when a service account is configured.
      useFactory: async (config: AppConfig): Promise<PushProvider> => {
        const { serviceAccount, apiOrigin } = config.donorDesk.firebase;
        if (!serviceAccount) return new NoPushProvider();
        const { FirebasePushProvider } = await importOptional(() => import('./firebase-push.provider.js'));
        return new FirebasePushProvider(serviceAccount, apiOrigin);
      },
    },
  ],
  exports: [PushProvider],
})
export class PushModule {}
