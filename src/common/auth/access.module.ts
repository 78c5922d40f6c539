import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenService } from './access-token.service.js';
import { DomainEvents } from '../events/domain-events.js';
import { GuestCredentials } from './guest-credentials.js';
import { JwtStrategy } from './jwt.strategy.js';
import { OnboardingRegistry } from './onboarding.js';
import { SessionAuthenticator } from './session-authenticator.js';
import { SessionUserRepository } from './session-user.repository.js';

/** Token signing, the passport `jwt` strategy and the session lookup every guard and gateway shares, and the small
 *  registries through which modules cooperate without importing each other. */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [AccessTokenService, SessionUserRepository, JwtStrategy, SessionAuthenticator, GuestCredentials, OnboardingRegistry, DomainEvents],
  exports: [AccessTokenService, SessionAuthenticator, GuestCredentials, OnboardingRegistry, DomainEvents],
})
export class AccessModule {}
