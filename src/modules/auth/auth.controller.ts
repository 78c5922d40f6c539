import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Public } from '../../common/auth/access.decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/current-user.decorator.js';
import { NoStore } from '../../common/http/no-store.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { ApiEnvelope, ApiErrors } from '../../common/swagger/api-envelope.js';
import { UserDto, UsersService } from '../users/index.js';
import { AuthService } from './auth.service.js';
import { AuthResultDto, LoginDto, RefreshTokenDto, ResetPasswordDto, SignupDto, TokenPairDto } from './dto/auth.dto.js';
import { targetKey } from './rate-limit-keys.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('Auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
  ) {}

  @Post('signup')
  @Public()
  @RateLimit({ max: 10, windowMs: 15 * 60_000 })
  @NoStore()
  @ApiOperation({ summary: 'Create an account (AGENT by default, CLIENT or CUSTOMER) with a verified SIGNUP code' })
  @ApiEnvelope(AuthResultDto, { status: HttpStatus.CREATED })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT, HttpStatus.TOO_MANY_REQUESTS)
  signup(@Body() dto: SignupDto): Promise<AuthResultDto> {
    return this.auth.signup(dto);
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  // Per IP here (it also protects the CPU from bcrypt floods); per account the lockout applies.
  @RateLimit({ max: 20, windowMs: 5 * 60_000 })
  @NoStore()
  @ApiOperation({ summary: 'Sign in by email, phone or username with the password (or a LOGIN verification token)' })
  @ApiEnvelope(AuthResultDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED, HttpStatus.TOO_MANY_REQUESTS)
  login(@Body() dto: LoginDto): Promise<AuthResultDto> {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @RateLimit({ max: 60, windowMs: 60_000 })
  @NoStore()
  @ApiOperation({ summary: 'Swap a refresh token for a new pair; reusing an old refresh token signs its whole family out' })
  @ApiEnvelope(TokenPairDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED)
  refresh(@Body() dto: RefreshTokenDto): Promise<TokenPairDto> {
    return this.sessions.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke the refresh token (and its family); the access token expires on its own' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  logout(@Body() dto: RefreshTokenDto): Promise<void> {
    return this.sessions.logout(dto.refreshToken);
  }

  @Post('password/reset')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @RateLimit({ max: 5, windowMs: 15 * 60_000, key: targetKey('password-reset') })
  @ApiOperation({ summary: 'Set a new password with a verified PASSWORD_RESET code; signs out every session' })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.TOO_MANY_REQUESTS)
  resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    return this.auth.resetPassword(dto);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiEnvelope(UserDto)
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.getProfile(user.id);
  }
}
