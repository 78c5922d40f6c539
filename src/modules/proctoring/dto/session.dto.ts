import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CEFR_BANDS_DESCRIPTION, CefrBandDto } from './cefr-band.dto.js';
import { IsBase64, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import {
  AnswerStatus,
  AssessmentResult,
  CandidateAssessmentStatus,
  CefrLevel,
  SessionEndReason,
  SessionReviewStatus,
  SessionStatus,
  ViolationSeverity,
  ViolationType,
  AppealStatus,
} from '../../../generated/prisma/enums.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination.js';
import { CandidateSectionDto } from './assessment.dto.js';

export class StartSessionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() assessmentId: string;
}

export class SessionAnswerDto {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ enum: AnswerStatus }) status: AnswerStatus;
  @ApiPropertyOptional({ nullable: true, description: 'Text answers only; audio is not echoed' }) response: string | null;
  @ApiProperty() hasAudio: boolean;
  @ApiProperty() updatedAt: Date;
}

export class SessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) candidateAssessmentId: string;
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: SessionStatus }) status: SessionStatus;
  @ApiPropertyOptional({ enum: SessionEndReason, nullable: true }) endReason: SessionEndReason | null;
  @ApiProperty() startedAt: Date;
  @ApiProperty({ description: 'Answers after this instant are refused; the server submits the test then' }) deadline: Date;
  @ApiPropertyOptional({ nullable: true }) endedAt: Date | null;
  @ApiProperty() violationCount: number;
  @ApiProperty() warningCount: number;
  @ApiProperty({ enum: SessionReviewStatus }) reviewStatus: SessionReviewStatus;
  @ApiProperty({ type: [CandidateSectionDto], description: 'Questions without correct answers' }) sections: CandidateSectionDto[];
  @ApiProperty({ type: [SessionAnswerDto] }) answers: SessionAnswerDto[];
}

export class SessionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty({ enum: SessionStatus }) status: SessionStatus;
  @ApiPropertyOptional({ enum: SessionEndReason, nullable: true }) endReason: SessionEndReason | null;
  @ApiProperty() startedAt: Date;
  @ApiProperty() deadline: Date;
  @ApiProperty() violationCount: number;
  @ApiProperty() warningCount: number;
  @ApiProperty({ enum: SessionReviewStatus }) reviewStatus: SessionReviewStatus;
}

export class ListSessionsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: SessionStatus }) @IsIn(Object.values(SessionStatus)) @IsOptional() status?: SessionStatus;
  @ApiPropertyOptional({ enum: SessionReviewStatus })
  @IsIn(Object.values(SessionReviewStatus))
  @IsOptional()
  reviewStatus?: SessionReviewStatus;
}

export class SubmitAnswerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() questionId: string;
  @ApiProperty({ description: 'The chosen option (MCQ), the missing words (FILL_BLANK) or the text (WRITING)' })
  @IsString()
  @Length(1, 20_000)
  response: string;
}

export class AudioAnswerFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() questionId: string;
}

export class AnswerReceiptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ enum: AnswerStatus, description: 'SCORED, or which scoring it waits for' }) status: AnswerStatus;
  @ApiProperty() updatedAt: Date;
}

export class ViolationDto {
  @ApiProperty({ enum: ViolationType }) @IsIn(Object.values(ViolationType)) type: ViolationType;

  @ApiPropertyOptional({ description: 'How long the condition lasted (face events count only when it persists)', maximum: 86_400_000 })
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  @IsOptional()
  durationMs?: number;

  @ApiPropertyOptional({ example: 'Ctrl+C' }) @IsString() @MaxLength(500) @IsOptional() detail?: string;

  @ApiPropertyOptional({ description: 'A webcam or screen snapshot, base64 (JPEG, PNG or WebP)' })
  @IsBase64()
  @MaxLength(900_000)
  @IsOptional()
  snapshotBase64?: string;
}

export class SocketViolationDto extends ViolationDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId: string;
}

export class HeartbeatDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId: string;
}

export class WatchSessionDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() sessionId: string;
}

export class ViolationReceiptDto {
  @ApiProperty({ format: 'uuid' }) logId: string;
  @ApiProperty({ enum: ViolationSeverity }) severity: ViolationSeverity;
  @ApiProperty({ description: 'Whether it counts toward auto-submission' }) counted: boolean;
  @ApiProperty() violationCount: number;
  @ApiProperty() warningCount: number;
  @ApiProperty() autoSubmitted: boolean;
}

export class HeartbeatReceiptDto {
  @ApiProperty({ enum: SessionStatus }) status: SessionStatus;
  @ApiProperty() deadline: Date;
  @ApiProperty() remainingSeconds: number;
}

export class ProctoringLogDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ enum: ViolationType }) type: ViolationType;
  @ApiProperty({ enum: ViolationSeverity }) severity: ViolationSeverity;
  @ApiPropertyOptional({ nullable: true }) durationMs: number | null;
  @ApiPropertyOptional({ nullable: true }) detail: string | null;
  @ApiProperty() hasSnapshot: boolean;
  @ApiProperty({ enum: AppealStatus }) appealStatus: AppealStatus;
  @ApiPropertyOptional({ nullable: true }) appealReason: string | null;
  @ApiPropertyOptional({ nullable: true }) appealDecisionNote: string | null;
  @ApiProperty() createdAt: Date;
}

export class SectionScoreDto {
  @ApiProperty({ format: 'uuid' }) sectionId: string;
  @ApiProperty() title: string;
  @ApiProperty() weight: number;
  @ApiProperty({ description: '0..100' }) score: number;
}

export class ResultDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) candidateAssessmentId: string;
  @ApiProperty({ enum: CandidateAssessmentStatus }) status: CandidateAssessmentStatus;
  @ApiProperty({ description: 'True once scoring and any review are done' }) ready: boolean;
  @ApiPropertyOptional({ enum: AssessmentResult, nullable: true }) result: AssessmentResult | null;
  @ApiPropertyOptional({ nullable: true, description: 'Weighted score 0..100' }) score: number | null;
  @ApiPropertyOptional({ enum: CefrLevel, nullable: true, description: 'The band of the weighted score (see cefrBands)' }) cefrLevel: CefrLevel | null;
  @ApiProperty({ type: [CefrBandDto], description: CEFR_BANDS_DESCRIPTION }) cefrBands: CefrBandDto[];
  @ApiProperty({ type: [SectionScoreDto] }) sections: SectionScoreDto[];
  @ApiProperty({ description: 'Answers still waiting for speech, AI or manual scoring' }) pendingAnswers: number;
  @ApiProperty({ description: 'The session waits for a proctoring review' }) pendingReview: boolean;
  @ApiProperty() attempt: number;
  @ApiPropertyOptional({ nullable: true }) submittedAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) completedAt: Date | null;
}

export class ReviewSessionDto {
  @ApiProperty({ enum: ['CLEAN', 'SUSPICIOUS', 'VIOLATION', 'SECOND_REVIEW_REQUIRED'] })
  @IsIn(['CLEAN', 'SUSPICIOUS', 'VIOLATION', 'SECOND_REVIEW_REQUIRED'])
  outcome: 'CLEAN' | 'SUSPICIOUS' | 'VIOLATION' | 'SECOND_REVIEW_REQUIRED';

  @ApiPropertyOptional() @IsString() @MaxLength(2000) @IsOptional() note?: string;
}

export class AppealDto {
  @ApiProperty({ example: 'My child walked into the room for a second.' }) @IsString() @Length(5, 2000) reason: string;
}

export class DecideAppealDto {
  @ApiProperty({ enum: ['UPHELD', 'OVERTURNED'], description: 'UPHELD keeps the violation; OVERTURNED removes it from the count' })
  @IsIn(['UPHELD', 'OVERTURNED'])
  decision: 'UPHELD' | 'OVERTURNED';

  @ApiPropertyOptional() @IsString() @MaxLength(2000) @IsOptional() note?: string;
}

export class ReviewAnswerDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Score of the answer, 0..100' }) @IsInt() @Min(0) @Max(100) score: number;
  @ApiPropertyOptional() @IsString() @MaxLength(4000) @IsOptional() feedback?: string;
}

export class PendingAnswerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty() questionType: string;
  @ApiProperty() prompt: string;
  @ApiPropertyOptional({ nullable: true }) response: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Transcript when speech scoring ran' }) transcript: string | null;
  @ApiProperty() hasAudio: boolean;
  @ApiProperty({ enum: AnswerStatus }) status: AnswerStatus;
}

export class ExtraTimeDto {
  @ApiProperty({ minimum: 0, maximum: 240, description: 'Minutes added to every session of the candidate' })
  @IsInt()
  @Min(0)
  @Max(240)
  extraTimeMinutes: number;
}

export class CandidateProfileDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiPropertyOptional({ enum: CefrLevel, nullable: true }) overallCefrLevel: CefrLevel | null;
  @ApiProperty() extraTimeMinutes: number;
  @ApiPropertyOptional({ nullable: true }) lastAssessedAt: Date | null;
}
