import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { RegistrationStatusDto } from '../../../common/auth/registration-status.dto.js';
import { E164_PATTERN, toEmail, toPhone, UserDto } from '../../users/index.js';
import { ContactDto } from './contact.dto.js';
import { OneOf } from './one-of.validator.js';
import { Trim, TrimLowercase } from '../../../common/validation/trim.decorator.js';

const SIGNUP_ROLES = ['AGENT', 'CLIENT', 'CUSTOMER'] as const;
export type SignupRole = (typeof SIGNUP_ROLES)[number];

const VERIFICATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class SignupDto extends ContactDto {
  @ApiProperty({ description: 'From POST /otp/verify with type SIGNUP for this email or phone' })
  @IsString()
  @Matches(VERIFICATION_TOKEN, { message: 'verificationToken is malformed' })
  verificationToken: string;

  @ApiProperty({ example: 'Correct-Horse-42!', description: 'At least 10 characters, not a well-known password, not your email' })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Ann Smith' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ enum: SIGNUP_ROLES, default: 'AGENT' })
  @IsIn(SIGNUP_ROLES)
  @IsOptional()
  role?: SignupRole;
}

const LOGIN_IDS = ['email', 'phone', 'username'] as const;
const CREDENTIALS = ['password', 'verificationToken'] as const;

export class LoginDto {
  @ApiPropertyOptional({ example: 'ann@example.com', description: 'One of email, phone or username' })
  @Transform(toEmail)
  @OneOf(LOGIN_IDS)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+919876543210' })
  @Transform(toPhone)
  @OneOf(LOGIN_IDS)
  @IsString()
  @Matches(E164_PATTERN, { message: 'phone must be an E.164 number such as +919876543210' })
  phone?: string;

  @ApiPropertyOptional({ example: 'ann' })
  @TrimLowercase()
  @OneOf(LOGIN_IDS)
  @IsString()
  @Length(1, 30)
  username?: string;

  @ApiPropertyOptional({ example: 'Correct-Horse-42!', description: 'The password, or instead a LOGIN verificationToken' })
  @OneOf(CREDENTIALS)
  @IsString()
  @Length(1, 200)
  password?: string;

  @ApiPropertyOptional({ description: 'Passwordless login: from POST /otp/verify with type LOGIN (email or phone only)' })
  @OneOf(CREDENTIALS)
  @IsString()
  @Matches(VERIFICATION_TOKEN, { message: 'verificationToken is malformed' })
  verificationToken?: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from login, signup or the previous refresh' })
  @IsString()
  @Length(1, 200)
  refreshToken: string;
}

export class ResetPasswordDto extends ContactDto {
  @ApiProperty({ description: 'From POST /otp/verify with type PASSWORD_RESET for this email or phone' })
  @IsString()
  @Matches(VERIFICATION_TOKEN, { message: 'verificationToken is malformed' })
  verificationToken: string;

  @ApiProperty({ example: 'Another-Horse-43!' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export { RegistrationStatusDto };

export class TokenPairDto {
  @ApiProperty({ description: 'Access token (JWT, HS256; claims sub, role, status)' }) token: string;
  @ApiProperty({ description: 'Refresh token; rotated on every use' }) refreshToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ example: 900, description: 'Access token lifetime in seconds' }) expiresIn: number;
}

export class AuthResultDto extends TokenPairDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: RegistrationStatusDto, nullable: true, description: 'Agents only: where onboarding continues' })
  registrationStatus: RegistrationStatusDto | null;
}
