import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import type { IdentityVerification } from '../../../generated/prisma/client.js';
import { IdentityStatus, SystemCheckKind, SystemCheckStatus } from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { FACE_DESCRIPTOR_LENGTH, FACE_DESCRIPTOR_MAX_ABS } from '../domain/face-descriptor.js';

export class SystemCheckDto {
  @ApiProperty({ example: 'Chrome' }) @IsString() @Length(1, 50) browserName: string;
  @ApiProperty({ example: '131.0.6778.86' }) @IsString() @Length(1, 50) browserVersion: string;
  @ApiProperty({ example: 'windows' }) @IsString() @Length(1, 50) os: string;
  @ApiProperty() @IsBoolean() cameraAvailable: boolean;
  @ApiProperty() @IsBoolean() microphoneAvailable: boolean;
  @ApiProperty({ example: 25.4, description: 'Measured download speed' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  networkSpeedMbps: number;
  @ApiProperty({ example: 1920 }) @IsInt() @Min(1) @Max(100_000) screenWidth: number;
  @ApiProperty({ example: 1080 }) @IsInt() @Min(1) @Max(100_000) screenHeight: number;
  @ApiProperty() @IsBoolean() fullscreenSupported: boolean;
}

export class DeviceTestDto {
  @ApiProperty({ description: 'The webcam showed a live picture' }) @IsBoolean() cameraWorking: boolean;
  @ApiProperty({ description: 'A test recording was heard back' }) @IsBoolean() microphoneWorking: boolean;
  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Peak input level of the test recording' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  @IsOptional()
  microphoneLevel?: number;
}

export class FailedCheckDto {
  @ApiProperty({ example: 'network' }) check: string;
  @ApiProperty({ example: '0.5 Mbps' }) actual: string;
  @ApiProperty({ example: '>= 1 Mbps' }) requirement: string;
}

export class SystemCheckResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SystemCheckKind }) kind: SystemCheckKind;
  @ApiProperty({ enum: SystemCheckStatus }) status: SystemCheckStatus;
  @ApiProperty({ type: [FailedCheckDto] }) failures: FailedCheckDto[];
  @ApiProperty() createdAt: Date;
}

export class FaceDescriptorDto {
  @ApiProperty({
    type: [Number],
    minItems: FACE_DESCRIPTOR_LENGTH,
    maxItems: FACE_DESCRIPTOR_LENGTH,
    description: `The ${FACE_DESCRIPTOR_LENGTH}-number face descriptor face-api.js computes in the browser, each in [-1, 1]`,
  })
  @IsArray()
  @ArrayMinSize(FACE_DESCRIPTOR_LENGTH)
  @ArrayMaxSize(FACE_DESCRIPTOR_LENGTH)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true })
  @Min(-FACE_DESCRIPTOR_MAX_ABS, { each: true })
  @Max(FACE_DESCRIPTOR_MAX_ABS, { each: true })
  descriptor: number[];
}

export class FaceReferenceDto {
  @ApiProperty() hasReference: boolean;
  @ApiPropertyOptional({ nullable: true }) updatedAt: Date | null;
}

export class IdentityVerificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: IdentityStatus }) status: IdentityStatus;
  @ApiProperty({ description: 'Euclidean distance to the reference descriptor' }) distance: number;
  @ApiProperty() attempt: number;
  @ApiPropertyOptional({ nullable: true, description: 'Failed attempts the candidate has left in the current 24-hour window' })
  attemptsLeft: number | null;
  @ApiPropertyOptional({ nullable: true }) reviewNote: string | null;
  @ApiPropertyOptional({ nullable: true }) reviewedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export function toIdentityVerificationDto(v: IdentityVerification, attemptsLeft: number | null): IdentityVerificationDto {
  return {
    id: v.id,
    userId: v.userId,
    status: v.status,
    distance: Math.round(v.distance * 10_000) / 10_000,
    attempt: v.attempt,
    attemptsLeft: attemptsLeft === null ? null : Math.max(0, attemptsLeft),
    reviewNote: v.reviewNote,
    reviewedAt: v.reviewedAt,
    createdAt: v.createdAt,
  };
}

export class ListIdentityQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: IdentityStatus })
  @IsIn(Object.values(IdentityStatus))
  @IsOptional()
  status?: IdentityStatus;
}

export class ReviewIdentityDto {
  @ApiProperty({ enum: ['VERIFIED', 'FAILED'] })
  @IsIn(['VERIFIED', 'FAILED'])
  decision: 'VERIFIED' | 'FAILED';

  @ApiPropertyOptional()
  @IsString()
  @MaxLength(2000)
  @IsOptional()
  note?: string;
}
