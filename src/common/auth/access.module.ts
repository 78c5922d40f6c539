import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessTokenService } from './access-token.service.js';
import { GuestCredentials } from './guest-credentials.js';
import { SessionAuthenticator } from './session-authenticator.js';
import { SessionUserRepository } from './session-user.repository.js';

/** Token signing/verification and the session lookup every guard and gateway shares. */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [AccessTokenService, SessionUserRepository, SessionAuthenticator, GuestCredentials],
  exports: [AccessTokenService, SessionAuthenticator, GuestCredentials],
})
export class AccessModule {}
