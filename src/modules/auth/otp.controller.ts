import { Body, Controller, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/access.decorators.js';
import { NoStore } from '../../common/http/no-store.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { GenerateOtpDto, OtpSentDto, OtpVerifiedDto, VerifyOtpDto } from './dto/otp.dto.js';
import { OtpService } from './otp.service.js';
import { targetKey } from './rate-limit-keys.js';

@ApiTags('Auth')
@Controller('otp')
export class OtpController {
  constructor(private readonly otp: OtpService) {}

  @Post('generate')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  // Per IP here; per email/phone the service enforces a cooldown and an hourly cap in the database.
  @RateLimit({ max: 10, windowMs: 15 * 60_000 })
  @ApiOperation({ summary: 'Send a six-digit code to an email or phone (the answer never says whether an account exists)' })
  @ApiEnvelope(OtpSentDto, { status: HttpStatus.ACCEPTED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.TOO_MANY_REQUESTS)
  generate(@Body() dto: GenerateOtpDto, @Ip() ip: string): Promise<OtpSentDto> {
    return this.otp.generate(dto, ip);
  }

  @Post('verify')
  @Public()
  @HttpCode(HttpStatus.OK)
  @RateLimit({ max: 10, windowMs: 15 * 60_000, key: targetKey('otp-verify') })
  @NoStore()
  @ApiOperation({ summary: 'Check a code (5 tries per code); returns a verification token for signup, login or password reset' })
  @ApiEnvelope(OtpVerifiedDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.TOO_MANY_REQUESTS)
  verify(@Body() dto: VerifyOtpDto): Promise<OtpVerifiedDto> {
    return this.otp.verify(dto);
  }
}
