import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, MinLength } from 'class-validator';
import { E164_PATTERN, toPhone } from '../contact.js';
import { Trim, TrimLowercase } from '../../../common/validation/trim.decorator.js';

export const USERNAME_PATTERN = /^[a-z0-9_.]{3,30}$/;
/** What a user may change about themselves; anything else (role, status, email, ...) is refused. */
export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ann Smith', minLength: 1, maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  @IsOptional()
  name?: string;

  @ApiPropertyOptional({ example: '+919876543210', description: 'E.164; changing it clears its verification' })
  @Transform(toPhone)
  @IsString()
  @Matches(E164_PATTERN, { message: 'phone must be an E.164 number such as +919876543210' })
  @IsOptional()
  phone?: string;

  @ApiPropertyOptional({ example: 'ann.smith', description: '3-30 characters: a-z, 0-9, _ and .' })
  @TrimLowercase()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3-30 characters of a-z, 0-9, _ and .' })
  @IsOptional()
  username?: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'Correct-Horse-42!' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ example: 'Another-Horse-43!', description: 'At least 10 characters, not a well-known password, not your email' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class FcmTokenDto {
  @ApiProperty({ example: 'fcm-registration-token', maxLength: 4096 })
  @IsString()
  @Length(1, 4096)
  token: string;
}

const CUSTOM_INSTRUCTIONS_MAX = 500;

export class UpdateChatPreferencesDto {
  @ApiPropertyOptional({ enum: ['formal', 'casual'] })
  @IsIn(['formal', 'casual'])
  @IsOptional()
  tone?: 'formal' | 'casual';

  @ApiPropertyOptional({ enum: ['detailed', 'concise'] })
  @IsIn(['detailed', 'concise'])
  @IsOptional()
  responseLength?: 'detailed' | 'concise';

  @ApiPropertyOptional({ maxLength: CUSTOM_INSTRUCTIONS_MAX, nullable: true, type: String, description: 'Empty or null clears them' })
  @Trim()
  @IsString()
  @MaxLength(CUSTOM_INSTRUCTIONS_MAX)
  @IsOptional()
  customInstructions?: string | null;
}
