import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ONBOARDING_STEPS, type OnboardingStep } from '../../../common/auth/onboarding.js';
import { RegistrationStatusDto } from '../../../common/auth/registration-status.dto.js';
import { CEFR_LEVELS } from '../../../common/cefr.js';

export class QualificationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() degree: string;
  @ApiProperty() institution: string;
  @ApiProperty({ nullable: true, type: String }) fieldOfStudy: string | null;
  @ApiProperty({ nullable: true, type: Number }) startYear: number | null;
  @ApiProperty({ nullable: true, type: Number }) endYear: number | null;
}

export class ExperienceResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() company: string;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
}

export class EmploymentResponseDto {
  @ApiProperty({ enum: ['EMPLOYED', 'SELF_EMPLOYED', 'UNEMPLOYED', 'STUDENT'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) employer: string | null;
  @ApiProperty({ nullable: true, type: String }) designation: string | null;
  @ApiProperty({ nullable: true, type: Number }) hoursAvailablePerWeek: number | null;
}

export class KycDocumentResponseDto {
  @ApiProperty({ enum: ['AADHAR_FRONT', 'AADHAR_BACK', 'PAN'] }) type: string;
  @ApiProperty({ example: 'image/jpeg' }) contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() uploadedAt: Date;
}

export class KycDecisionResponseDto {
  @ApiProperty({ enum: ['APPROVED', 'REJECTED'] }) decision: string;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ format: 'uuid' }) reviewerId: string;
  @ApiProperty() decidedAt: Date;
}

export class KycResponseDto {
  @ApiProperty({ enum: ['PENDING', 'SUBMITTED', 'APPROVED', 'REJECTED'] }) status: string;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiProperty({ type: [KycDocumentResponseDto] }) documents: KycDocumentResponseDto[];
  @ApiProperty({ type: KycDecisionResponseDto, nullable: true }) lastDecision: KycDecisionResponseDto | null;
}

export class AssessmentResponseDto {
  @ApiProperty({ enum: ['NOT_STARTED', 'PASSED', 'FAILED'] }) status: string;
  @ApiProperty({ enum: CEFR_LEVELS, nullable: true }) cefrLevel: string | null;
  @ApiProperty({ nullable: true, type: Number }) score: number | null;
  @ApiProperty({ nullable: true, type: Date }) recordedAt: Date | null;
}

export class AgreementStatusDto {
  @ApiProperty({ example: '2026-01' }) currentVersion: string;
  @ApiProperty({ nullable: true, type: String }) signedVersion: string | null;
  @ApiProperty({ nullable: true, type: Date }) signedAt: Date | null;
}

export class AgentResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) gender: string | null;
  @ApiProperty({ nullable: true, type: String }) addressLine: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) state: string | null;
  @ApiProperty({ nullable: true, type: String }) country: string | null;
  @ApiProperty({ nullable: true, type: String }) postalCode: string | null;
  @ApiProperty({ nullable: true, type: String }) bio: string | null;
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty() hasPhoto: boolean;
  @ApiProperty() profileCompleted: boolean;
  @ApiProperty({
    description: 'Whole calendar months of experience: an end date is the last day worked, an ongoing job runs to today, overlapping jobs count once',
  })
  experienceMonths: number;
  @ApiProperty({ type: [QualificationResponseDto] }) qualifications: QualificationResponseDto[];
  @ApiProperty({ type: [ExperienceResponseDto] }) experiences: ExperienceResponseDto[];
  @ApiProperty({ type: EmploymentResponseDto, nullable: true }) employment: EmploymentResponseDto | null;
  @ApiProperty({ type: KycResponseDto }) kyc: KycResponseDto;
  @ApiProperty({ type: AssessmentResponseDto }) assessment: AssessmentResponseDto;
  @ApiProperty({ type: AgreementStatusDto }) agreement: AgreementStatusDto;
  @ApiProperty({ enum: ONBOARDING_STEPS, description: 'The same as registrationStatus.nextStep' }) nextStep: OnboardingStep;
  @ApiProperty({
    type: RegistrationStatusDto,
    description: 'Where onboarding continues and which profile fields are missing: the same object as registrationStatus in the login answer',
  })
  registrationStatus: RegistrationStatusDto;
  @ApiPropertyOptional({ type: [KycDecisionResponseDto], description: 'Staff only: every KYC decision' })
  kycHistory?: KycDecisionResponseDto[];
}

export class AgentSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() profileCompleted: boolean;
  @ApiProperty({ enum: ['PENDING', 'SUBMITTED', 'APPROVED', 'REJECTED'] }) kycStatus: string;
  @ApiProperty({ enum: ['NOT_STARTED', 'PASSED', 'FAILED'] }) assessmentStatus: string;
  @ApiProperty({ enum: CEFR_LEVELS, nullable: true }) cefrLevel: string | null;
  @ApiProperty({ nullable: true, type: Date }) kycSubmittedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class AgreementResponseDto {
  @ApiProperty({ example: '2026-01' }) version: string;
  @ApiProperty() title: string;
  @ApiProperty() text: string;
  @ApiProperty() signed: boolean;
  @ApiProperty({ nullable: true, type: Date }) signedAt: Date | null;
}
