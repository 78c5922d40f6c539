import { Injectable, Logger, OnModuleInit, StreamableFile } from '@nestjs/common';
import { OnboardingRegistry, type OnboardingStep, type RegistrationStatus } from '../../common/auth/onboarding.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { conflict, notFound } from '../../common/http/app-error.js';
import { DomainEvents, type DomainEventMap } from '../../common/events/domain-events.js';
import { pageArgs, toPage, type Page } from '../../common/pagination/pagination.js';
import type { CefrLevel } from '../../generated/prisma/enums.js';
import { IMAGE_TYPES, detectAllowedType } from '../../infra/storage/file-type.js';
import { StorageProvider } from '../../infra/storage/storage.provider.js';
import { type NewNotification, NotificationsService } from '../notifications/index.js';
import { UsersService } from '../users/index.js';
import { toAgentDto, toExperienceDto, toQualificationDto } from './agent.mapper.js';
import { CURRENT_AGREEMENT } from './agreement.js';
import { AgentsRepository, toProfileFacts, type FullAgent } from './agents.repository.js';
import { experienceMonths } from './experience.js';
import { computeNextStep } from './onboarding-steps.js';
import { missingProfileFields } from './profile-completeness.js';
import type { ListAgentsQueryDto, RecordAssessmentDto } from './dto/admin.dto.js';
import type { AgentResponseDto, AgentSummaryDto, AgreementResponseDto, ExperienceResponseDto, QualificationResponseDto } from './dto/agent-response.dto.js';
import type { ExperienceDto, QualificationDto, SignAgreementDto, UpdateExperienceDto, UpdateProfileDto, UpdateQualificationDto } from './dto/profile.dto.js';
import { checkPeriod, checkYears, PHOTO_TYPES, requireFile, type UploadedBytes } from './profile-rules.js';

/** What the marketplace needs to judge an agent's eligibility. */
export interface AgentEligibilityFacts {
  agentId: string;
  nextStep: OnboardingStep;
  cefrLevel: CefrLevel | null;
  skills: string[];
  experienceMonths: number;
}

@Injectable()
export class AgentsService implements OnModuleInit {
  private readonly logger = new Logger(AgentsService.name);

  constructor(
    private readonly agents: AgentsRepository,
    private readonly onboarding: OnboardingRegistry,
    private readonly events: DomainEvents,
    private readonly storage: StorageProvider,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    this.users.registerRoleProfile('AGENT', (userId) => this.agents.ensureProfile(userId));
    this.onboarding.register((userId) => this.registrationStatus(userId));
    this.events.on('assessment.completed', (payload) => this.onAssessmentCompleted(payload));
  }

  async nextStep(userId: string): Promise<OnboardingStep> {
    return (await this.registrationStatus(userId)).nextStep;
  }

  /** The next onboarding step and the profile fields still missing, as login and `/agents/me` show them. */
  async registrationStatus(userId: string): Promise<RegistrationStatus> {
    const state = await this.agents.findOnboardingState(userId);
    const profile = state?.agentProfile;
    const nextStep = computeNextStep(
      {
        contactVerified: Boolean(state?.emailVerifiedAt ?? state?.phoneVerifiedAt),
        profileCompleted: profile?.profileCompleted ?? false,
        kycStatus: profile?.kycStatus ?? 'PENDING',
        assessmentStatus: profile?.assessmentStatus ?? 'NOT_STARTED',
        agreementVersion: profile?.agreementVersion ?? null,
      },
      CURRENT_AGREEMENT.version,
    );
    return { nextStep, missingFields: missingProfileFields(profile ? toProfileFacts(profile) : null) };
  }

  /** For the marketplace; null when the user has no agent profile yet. */
  async eligibilityFacts(userId: string): Promise<AgentEligibilityFacts | null> {
    const facts = await this.agents.findEligibilityFacts(userId);
    if (!facts) return null;
    return {
      agentId: facts.id,
      nextStep: await this.nextStep(userId),
      cefrLevel: facts.cefrLevel,
      skills: facts.skills,
      experienceMonths: experienceMonths(facts.experiences),
    };
  }

  /** The user of an agent profile; null for an unknown profile. */
  userIdOfAgent(agentId: string): Promise<string | null> {
    return this.agents.findUserIdById(agentId);
  }

  /** The agent profile id of a user, created when signup did not. */
  /** Locks the agent's profile row for the caller's transaction, so that agent's concurrent bookings run one after the other. */
  lockProfile(agentId: string): Promise<void> {
    return this.agents.lockProfile(agentId);
  }

  agentIdFor(userId: string): Promise<string> {
    return this.agents.ensureProfileId(userId);
  }

  async getMe(userId: string): Promise<AgentResponseDto> {
    await this.agents.ensureProfileId(userId);
    return this.present(await this.agents.findFullByUserId(userId));
  }

  async updateProfile(userId: string, dto: UpdateProfileDto): Promise<AgentResponseDto> {
    const { employment, ...profile } = dto;
    await this.agents.updateProfile(
      userId,
      {
        ...profile,
        dateOfBirth: profile.dateOfBirth ? new Date(profile.dateOfBirth) : undefined,
        country: profile.country?.toUpperCase(),
        skills: profile.skills ? [...new Set(profile.skills.map((s) => s.trim().toLowerCase()))] : undefined,
      },
      employment,
    );
    return this.getMe(userId);
  }

  async addQualification(userId: string, dto: QualificationDto): Promise<QualificationResponseDto> {
    checkYears(dto.startYear, dto.endYear);
    const agentId = await this.agents.ensureProfileId(userId);
    return toQualificationDto(await this.agents.addQualification(agentId, dto));
  }

  async updateQualification(userId: string, id: string, dto: UpdateQualificationDto): Promise<QualificationResponseDto> {
    const agentId = await this.agents.ensureProfileId(userId);
    const current = await this.agents.findQualification(id, agentId);
    if (!current) throw notFound('Qualification');
    checkYears(dto.startYear ?? current.startYear ?? undefined, dto.endYear ?? current.endYear ?? undefined);
    const row = await this.agents.updateQualification(id, agentId, dto);
    if (!row) throw notFound('Qualification');
    return toQualificationDto(row);
  }

  async deleteQualification(userId: string, id: string): Promise<void> {
    const agentId = await this.agents.ensureProfileId(userId);
    if (!(await this.agents.deleteQualification(id, agentId))) throw notFound('Qualification');
  }

  async addExperience(userId: string, dto: ExperienceDto): Promise<ExperienceResponseDto> {
    const period = checkPeriod(dto.startDate, dto.endDate);
    const agentId = await this.agents.ensureProfileId(userId);
    return toExperienceDto(await this.agents.addExperience(agentId, { ...dto, ...period }));
  }

  async updateExperience(userId: string, id: string, dto: UpdateExperienceDto): Promise<ExperienceResponseDto> {
    const agentId = await this.agents.ensureProfileId(userId);
    const current = await this.agents.findExperience(id, agentId);
    if (!current) throw notFound('Experience');
    const period = checkPeriod(dto.startDate ?? current.startDate.toISOString(), dto.endDate ?? current.endDate?.toISOString());
    const row = await this.agents.updateExperience(id, agentId, { ...dto, ...period });
    if (!row) throw notFound('Experience');
    return toExperienceDto(row);
  }

  async deleteExperience(userId: string, id: string): Promise<void> {
    const agentId = await this.agents.ensureProfileId(userId);
    if (!(await this.agents.deleteExperience(id, agentId))) throw notFound('Experience');
  }

  async setPhoto(userId: string, file: UploadedBytes | undefined): Promise<AgentResponseDto> {
    const data = requireFile(file);
    const type = await detectAllowedType(data, IMAGE_TYPES);
    const agentId = await this.agents.ensureProfileId(userId);
    const stored = await this.storage.save('agent-photos', data, type.mime, type.ext);
    const previous = await this.agents.setPhoto(agentId, stored.key);
    if (previous) await this.storage.remove(previous);
    return this.getMe(userId);
  }

  async photo(user: AuthUser, agentId?: string): Promise<StreamableFile> {
    const id = agentId ?? (await this.agents.findIdByUserId(user.id));
    const key = id ? await this.agents.findPhotoKey(id) : null;
    if (!key) throw notFound('Photo');
    return this.stream(key, PHOTO_TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream');
  }

  async list(query: ListAgentsQueryDto): Promise<Page<AgentSummaryDto>> {
    const { items, total } = await this.agents.list({ ...query, ...pageArgs(query) });
    return toPage(items, total, query, (a) => ({
      id: a.id,
      userId: a.userId,
      name: a.user.name,
      email: a.user.email,
      profileCompleted: a.profileCompleted,
      kycStatus: a.kycStatus,
      assessmentStatus: a.assessmentStatus,
      cefrLevel: a.cefrLevel,
      kycSubmittedAt: a.kycSubmittedAt,
      createdAt: a.createdAt,
    }));
  }

  async getForStaff(agentId: string): Promise<AgentResponseDto> {
    const agent = await this.agents.findFullById(agentId);
    if (!agent) throw notFound('Agent');
    return toAgentDto(agent, await this.registrationStatus(agent.userId), { withHistory: true });
  }

  async recordAssessment(agentId: string, dto: RecordAssessmentDto): Promise<AgentResponseDto> {
    const userId = await this.agents.findUserIdById(agentId);
    if (!userId) throw notFound('Agent');
    await this.agents.recordAssessment(userId, { status: dto.status, cefrLevel: dto.cefrLevel ?? null, score: dto.score ?? null });
    await this.notifications.notify([userId], assessmentNotice('agent.assessment_recorded', dto.status, dto.cefrLevel ?? null));
    return this.getForStaff(agentId);
  }

  async agreement(userId: string): Promise<AgreementResponseDto> {
    const agent = await this.agents.findFullByUserId(userId);
    const signed = agent?.agreementVersion === CURRENT_AGREEMENT.version;
    return { ...CURRENT_AGREEMENT, signed, signedAt: signed ? (agent?.agreementSignedAt ?? null) : null };
  }

  async signAgreement(userId: string, dto: SignAgreementDto, ipAddress: string | null): Promise<AgentResponseDto> {
    if (dto.version !== CURRENT_AGREEMENT.version) {
      throw conflict('AGREEMENT_OUTDATED', `The current agreement is version ${CURRENT_AGREEMENT.version}`);
    }
    const step = await this.nextStep(userId);
    if (step !== 'AGREEMENT') {
      throw conflict('ONBOARDING_ORDER', step === 'DASHBOARD' ? 'The agreement is already signed' : `Finish ${step} first`);
    }
    const agentId = await this.agents.ensureProfileId(userId);
    if ((await this.agents.signAgreement(agentId, dto.version, dto.signature, ipAddress)) === false) {
      throw conflict('ALREADY_SIGNED', 'This agreement version is already signed');
    }
    return this.getMe(userId);
  }

  private async onAssessmentCompleted(payload: DomainEventMap['assessment.completed']): Promise<void> {
    await this.agents.recordAssessment(payload.userId, { status: payload.status, cefrLevel: payload.cefrLevel, score: payload.score });
    this.logger.log({ msg: 'Recorded assessment result', userId: payload.userId, status: payload.status });
    await this.notifications.notify([payload.userId], {
      ...assessmentNotice('agent.assessment_scored', payload.status, payload.cefrLevel),
      data: { status: payload.status, cefrLevel: payload.cefrLevel, score: payload.score, candidateAssessmentId: payload.candidateAssessmentId },
    });
  }

  private async present(agent: FullAgent | null): Promise<AgentResponseDto> {
    if (!agent) throw notFound('Agent profile');
    return toAgentDto(agent, await this.registrationStatus(agent.userId));
  }

  /** Streams a stored file back (only routes that checked access call this). */
  async stream(key: string, contentType: string): Promise<StreamableFile> {
    return new StreamableFile(await this.storage.read(key), { type: contentType, disposition: 'inline' });
  }
}

/** The agent's assessment result, scored by the proctoring module or recorded by staff. */
function assessmentNotice(type: 'agent.assessment_recorded' | 'agent.assessment_scored', status: string, cefrLevel: string | null): NewNotification {
  const passed = status === 'PASSED';
  return {
    type,
    title: passed ? 'Assessment passed' : 'Assessment result',
    body: `Your language assessment: ${status.toLowerCase()}${cefrLevel ? `, level ${cefrLevel}` : ''}${passed ? '; sign the agreement to finish' : ''}`,
    data: { status, cefrLevel },
  };
}
