import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const EMPLOYMENT_STATUSES = ['EMPLOYED', 'SELF_EMPLOYED', 'UNEMPLOYED', 'STUDENT'] as const;

export class EmploymentDto {
  @ApiProperty({ enum: EMPLOYMENT_STATUSES })
  @IsIn(EMPLOYMENT_STATUSES)
  status: (typeof EMPLOYMENT_STATUSES)[number];

  @ApiPropertyOptional({ example: 'Acme Support' })
  @IsString()
  @MaxLength(200)
  @IsOptional()
  employer?: string;

  @ApiPropertyOptional({ example: 'Team lead' })
  @IsString()
  @MaxLength(200)
  @IsOptional()
  designation?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 80, example: 20 })
  @IsInt()
  @Min(1)
  @Max(80)
  @IsOptional()
  hoursAvailablePerWeek?: number;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ type: EmploymentDto, description: 'Replaces the current employment details' })
  @ValidateNested()
  @Type(() => EmploymentDto)
  @IsOptional()
  employment?: EmploymentDto;

  @ApiPropertyOptional({ example: '1995-04-12', format: 'date' })
  @IsDateString({ strict: true })
  @IsOptional()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: 'female' })
  @IsString()
  @MaxLength(40)
  @IsOptional()
  gender?: string;

  @ApiPropertyOptional({ example: '12 MG Road' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsOptional()
  addressLine?: string;

  @ApiPropertyOptional({ example: 'Bengaluru' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsOptional()
  city?: string;

  @ApiPropertyOptional({ example: 'Karnataka' })
  @IsString()
  @MaxLength(100)
  @IsOptional()
  state?: string;

  @ApiPropertyOptional({ example: 'IN', description: 'ISO 3166-1 alpha-2' })
  @IsString()
  @Length(2, 2)
  @IsOptional()
  country?: string;

  @ApiPropertyOptional({ example: '560001' })
  @IsString()
  @MaxLength(20)
  @IsOptional()
  postalCode?: string;

  @ApiPropertyOptional({ example: 'Three years of voice and chat support.' })
  @IsString()
  @MaxLength(2000)
  @IsOptional()
  bio?: string;

  @ApiPropertyOptional({ type: [String], example: ['customer-support', 'english'] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(50, { each: true })
  @IsOptional()
  skills?: string[];

  @ApiPropertyOptional({ type: [String], example: ['en', 'hi'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(30, { each: true })
  @IsOptional()
  languages?: string[];
}

export class QualificationDto {
  @ApiProperty({ example: 'B.Com' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  degree: string;

  @ApiProperty({ example: 'Bangalore University' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  institution: string;

  @ApiPropertyOptional({ example: 'Commerce' })
  @IsString()
  @MaxLength(120)
  @IsOptional()
  fieldOfStudy?: string;

  @ApiPropertyOptional({ example: 2013 })
  @Type(() => Number)
  @IsInt()
  @Min(1950)
  @Max(2100)
  @IsOptional()
  startYear?: number;

  @ApiPropertyOptional({ example: 2016 })
  @Type(() => Number)
  @IsInt()
  @Min(1950)
  @Max(2100)
  @IsOptional()
  endYear?: number;
}

export class UpdateQualificationDto {
  @ApiPropertyOptional() @IsString() @MinLength(1) @MaxLength(120) @IsOptional() degree?: string;
  @ApiPropertyOptional() @IsString() @MinLength(1) @MaxLength(200) @IsOptional() institution?: string;
  @ApiPropertyOptional() @IsString() @MaxLength(120) @IsOptional() fieldOfStudy?: string;
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1950) @Max(2100) @IsOptional() startYear?: number;
  @ApiPropertyOptional() @Type(() => Number) @IsInt() @Min(1950) @Max(2100) @IsOptional() endYear?: number;
}

export class ExperienceDto {
  @ApiProperty({ example: 'Acme Support' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  company: string;

  @ApiProperty({ example: 'Customer support executive' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '2021-01-01', format: 'date' })
  @IsDateString({ strict: true })
  startDate: string;

  @ApiPropertyOptional({ example: '2024-01-01', format: 'date', description: 'Omit while still employed' })
  @IsDateString({ strict: true })
  @IsOptional()
  endDate?: string;

  @ApiPropertyOptional()
  @IsString()
  @MaxLength(2000)
  @IsOptional()
  description?: string;
}

export class UpdateExperienceDto {
  @ApiPropertyOptional() @IsString() @MinLength(1) @MaxLength(200) @IsOptional() company?: string;
  @ApiPropertyOptional() @IsString() @MinLength(1) @MaxLength(200) @IsOptional() title?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsDateString({ strict: true }) @IsOptional() startDate?: string;
  @ApiPropertyOptional({ format: 'date' }) @IsDateString({ strict: true }) @IsOptional() endDate?: string;
  @ApiPropertyOptional() @IsString() @MaxLength(2000) @IsOptional() description?: string;
}

export const KYC_DOCUMENT_TYPES = ['AADHAR_FRONT', 'AADHAR_BACK', 'PAN'] as const;

export class KycUploadDto {
  @ApiProperty({ enum: KYC_DOCUMENT_TYPES })
  @IsIn(KYC_DOCUMENT_TYPES)
  type: (typeof KYC_DOCUMENT_TYPES)[number];
}

export class SignAgreementDto {
  @ApiProperty({ example: '2026-01', description: 'The version the agent read (must be the current one)' })
  @IsString()
  @MaxLength(40)
  version: string;

  @ApiProperty({ example: 'Gita Agent', description: 'Typed full name or a signature data URL' })
  @IsString()
  @MinLength(2)
  @MaxLength(200_000)
  signature: string;
}
