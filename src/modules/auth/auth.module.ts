import { Module } from '@nestjs/common';
import { MailModule } from '../../infra/mail/mail.module.js';
import { SmsModule } from '../../infra/sms/sms.module.js';
import { UsersModule } from '../users/index.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { OtpController } from './otp.controller.js';
import { OtpRepository } from './otp.repository.js';
import { OtpService } from './otp.service.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [UsersModule, MailModule, SmsModule],
  controllers: [OtpController, AuthController],
  providers: [OtpService, OtpRepository, AuthService, SessionsService, RefreshTokensRepository],
})
export class AuthModule {}
