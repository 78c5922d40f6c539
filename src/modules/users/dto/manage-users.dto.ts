import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { UserRole, UserStatus } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { E164_PATTERN, toEmail, toPhone } from '../contact.js';
import { USERNAME_PATTERN } from './update-me.dto.js';
import { Trim, TrimLowercase } from '../../../common/validation/trim.decorator.js';

export class CreateUserDto {
  @ApiProperty({ example: 'sam@example.com' })
  @Transform(toEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Sam Support' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 'Correct-Horse-42!' })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: UserRole, description: 'SUPER_ADMIN may create any role, ADMIN only SUPPORT_AGENT and below' })
  @IsEnum(UserRole)
  role: UserRole;

  @ApiPropertyOptional({ example: '+919876543210' })
  @Transform(toPhone)
  @IsString()
  @Matches(E164_PATTERN, { message: 'phone must be an E.164 number such as +919876543210' })
  @IsOptional()
  phone?: string;

  @ApiPropertyOptional({ example: 'sam' })
  @TrimLowercase()
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3-30 characters of a-z, 0-9, _ and .' })
  @IsOptional()
  username?: string;
}

export const MANAGEABLE_STATUSES = [UserStatus.ACTIVE, UserStatus.SUSPENDED, UserStatus.DEACTIVATED] as const;

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Sam Support' })
  @Trim()
  @IsString()
  @Length(1, 100)
  @IsOptional()
  name?: string;

  @ApiPropertyOptional({ enum: UserRole })
  @IsEnum(UserRole)
  @IsOptional()
  role?: UserRole;

  @ApiPropertyOptional({ enum: MANAGEABLE_STATUSES })
  @IsIn(MANAGEABLE_STATUSES)
  @IsOptional()
  status?: (typeof MANAGEABLE_STATUSES)[number];
}

export class ListUsersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: UserRole })
  @IsEnum(UserRole)
  @IsOptional()
  role?: UserRole;

  @ApiPropertyOptional({ enum: UserStatus })
  @IsEnum(UserStatus)
  @IsOptional()
  status?: UserStatus;

  @ApiPropertyOptional({ description: 'Matches name, email, phone or username (case-insensitive)', maxLength: 100 })
  @Trim()
  @IsString()
  @Length(1, 100)
  @IsOptional()
  search?: string;
}
