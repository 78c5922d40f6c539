import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsString, Matches } from 'class-validator';
import { OtpPurpose } from '../../../generated/prisma/enums.js';
import { ContactDto } from './contact.dto.js';

export class GenerateOtpDto extends ContactDto {
  @ApiProperty({ enum: OtpPurpose, description: 'What the code will be used for' })
  @IsEnum(OtpPurpose)
  type: OtpPurpose;
}

export class VerifyOtpDto extends GenerateOtpDto {
  @ApiProperty({ example: '042917', pattern: '^\\d{6}$' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code: string;
}

export class OtpSentDto {
  @ApiProperty({ example: true, description: 'Always true: the answer never says whether an account exists' }) accepted: boolean;
  @ApiProperty({ example: 600 }) expiresInSeconds: number;
  @ApiProperty({ example: 60, description: 'Wait this long before asking for another code' }) resendAfterSeconds: number;
}

export class OtpVerifiedDto {
  @ApiProperty({ example: true }) verified: boolean;
  @ApiProperty({ description: 'Send it to signup, login or password reset (same email/phone and type) within 30 minutes; usable once' })
  verificationToken: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
