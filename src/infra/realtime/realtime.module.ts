import { Global, Module } from '@nestjs/common';
import { PresenceTracker } from './presence.tracker.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { RealtimeService } from './realtime.service.js';
import { SocketRateLimiter } from './socket-rate-limiter.js';
import { SocketSessions } from './socket-sessions.js';

@Global()
@Module({
  providers: [RealtimeGateway, RealtimeService, PresenceTracker, SocketRateLimiter, SocketSessions],
  exports: [RealtimeService, PresenceTracker, SocketRateLimiter],
})
export class RealtimeModule {}
