import { Global, Module } from '@nestjs/common';
import { PresenceTracker } from './presence.tracker.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeService } from './realtime.service.js';

@Global()
@Module({
  providers: [RealtimeGateway, RealtimeService, PresenceTracker],
  exports: [RealtimeService, PresenceTracker],
})
export class RealtimeModule {}
