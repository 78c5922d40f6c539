import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client.js';
import type { AssessmentStatus, CefrLevel, KycDecision, KycDocumentType, KycStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { missingProfileFields, type ProfileFacts } from './profile-completeness.js';

const FULL_AGENT = {
  user: { select: { name: true, email: true, emailVerifiedAt: true, phoneVerifiedAt: true } },
  qualifications: { orderBy: { createdAt: 'asc' } },
  experiences: { orderBy: { startDate: 'asc' } },
  employment: true,
  kycDocuments: { orderBy: { type: 'asc' } },
  kycReviews: { orderBy: { createdAt: 'desc' } },
} satisfies Prisma.AgentProfileInclude;

export type FullAgent = Prisma.AgentProfileGetPayload<{ include: typeof FULL_AGENT }>;

const KYC_EDITABLE: KycStatus[] = ['PENDING', 'REJECTED'];

/** The columns `missingProfileFields` judges. */
const PROFILE_FACTS = {
  dateOfBirth: true,
  addressLine: true,
  city: true,
  country: true,
  photoKey: true,
  _count: { select: { qualifications: true } },
} satisfies Prisma.AgentProfileSelect;

export const toProfileFacts = (row: Prisma.AgentProfileGetPayload<{ select: typeof PROFILE_FACTS }>): ProfileFacts => ({
  dateOfBirth: row.dateOfBirth,
  addressLine: row.addressLine,
  city: row.city,
  country: row.country,
  photoKey: row.photoKey,
  qualificationCount: row._count.qualifications,
});

export interface AgentListFilter {
  kycStatus?: KycStatus;
  assessmentStatus?: AssessmentStatus;
  cefrLevel?: CefrLevel;
  search?: string;
  skip: number;
  take: number;
}

export type ProfileFields = Omit<Prisma.AgentProfileUncheckedUpdateInput, 'id' | 'userId'>;
export type EmploymentFields = Pick<Prisma.EmploymentUncheckedCreateInput, 'status' | 'employer' | 'designation' | 'hoursAvailablePerWeek'>;

@Injectable()
export class AgentsRepository {
  constructor(private readonly db: TransactionHost) {}

  /** The agent's profile id; signup creates the row, this creates it when it is missing. */
  async ensureProfileId(userId: string): Promise<string> {
    const row = await this.db.client.agentProfile.upsert({ where: { userId }, update: {}, create: { userId }, select: { id: true } });
    return row.id;
  }

  findIdByUserId(userId: string) {
    return this.db.client.agentProfile.findUnique({ where: { userId }, select: { id: true } }).then((row) => row?.id ?? null);
  }

  findFullByUserId(userId: string): Promise<FullAgent | null> {
    return this.db.client.agentProfile.findUnique({ where: { userId }, include: FULL_AGENT });
  }

  findFullById(id: string): Promise<FullAgent | null> {
    return this.db.client.agentProfile.findUnique({ where: { id }, include: FULL_AGENT });
  }

  async list(filter: AgentListFilter) {
    const where: Prisma.AgentProfileWhereInput = {
      kycStatus: filter.kycStatus,
      assessmentStatus: filter.assessmentStatus,
      cefrLevel: filter.cefrLevel,
      user: {
        deletedAt: null,
        ...(filter.search
          ? { OR: [{ name: { contains: filter.search, mode: 'insensitive' } }, { email: { contains: filter.search, mode: 'insensitive' } }] }
          : {}),
      },
    };
    const [items, total] = await Promise.all([
      this.db.client.agentProfile.findMany({
        where,
        include: { user: { select: { name: true, email: true } } },
        orderBy: [{ kycSubmittedAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }],
        skip: filter.skip,
        take: filter.take,
      }),
      this.db.client.agentProfile.count({ where }),
    ]);
    return { items, total };
  }

  /** Contact verification (on the user), the onboarding fields and the profile facts, in one read. */
  findOnboardingState(userId: string) {
    return this.db.client.user.findUnique({
      where: { id: userId },
      select: {
        emailVerifiedAt: true,
        phoneVerifiedAt: true,
        agentProfile: {
          select: {
            profileCompleted: true,
            kycStatus: true,
            assessmentStatus: true,
            agreementVersion: true,
            ...PROFILE_FACTS,
          },
        },
      },
    });
  }

  /** The fields the marketplace's eligibility rules read. */
  findEligibilityFacts(userId: string) {
    return this.db.client.agentProfile.findUnique({
      where: { userId },
      select: { id: true, cefrLevel: true, skills: true, experiences: { select: { startDate: true, endDate: true } } },
    });
  }

  async updateProfile(userId: string, data: ProfileFields, employment?: EmploymentFields): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await tx.agentProfile.upsert({ where: { userId }, update: data, create: { userId }, select: { id: true } });
      if (Object.keys(data).length) await tx.agentProfile.update({ where: { id: row.id }, data });
      if (employment) {
        const fields = {
          status: employment.status,
          employer: employment.employer ?? null,
          designation: employment.designation ?? null,
          hoursAvailablePerWeek: employment.hoursAvailablePerWeek ?? null,
        };
        await tx.employment.upsert({ where: { agentId: row.id }, update: fields, create: { agentId: row.id, ...fields } });
      }
      await this.refreshProfileCompleted(tx, row.id);
    });
  }

  async setPhoto(agentId: string, key: string): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      const [old] = await tx.$queryRaw<{ photo_key: string | null }[]>`SELECT photo_key FROM agent_profiles WHERE id = ${agentId}::uuid FOR UPDATE`;
      await tx.agentProfile.update({ where: { id: agentId }, data: { photoKey: key } });
      await this.refreshProfileCompleted(tx, agentId);
      return old?.photo_key ?? null;
    });
  }

  findPhotoKey(agentId: string) {
    return this.db.client.agentProfile.findUnique({ where: { id: agentId }, select: { photoKey: true } }).then((row) => row?.photoKey ?? null);
  }

  async addQualification(agentId: string, data: Omit<Prisma.QualificationUncheckedCreateInput, 'agentId'>) {
    return this.db.transaction(async (tx) => {
      const row = await tx.qualification.create({ data: { ...data, agentId } });
      await this.refreshProfileCompleted(tx, agentId);
      return row;
    });
  }

  findQualification(id: string, agentId: string) {
    return this.db.client.qualification.findFirst({ where: { id, agentId } });
  }

  async updateQualification(id: string, agentId: string, data: Prisma.QualificationUpdateInput) {
    const { count } = await this.db.client.qualification.updateMany({ where: { id, agentId }, data });
    return count ? this.db.client.qualification.findFirst({ where: { id, agentId } }) : null;
  }

  async deleteQualification(id: string, agentId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.qualification.deleteMany({ where: { id, agentId } });
      await this.refreshProfileCompleted(tx, agentId);
      return count > 0;
    });
  }

  addExperience(agentId: string, data: Omit<Prisma.ExperienceUncheckedCreateInput, 'agentId'>) {
    return this.db.client.experience.create({ data: { ...data, agentId } });
  }

  findExperience(id: string, agentId: string) {
    return this.db.client.experience.findFirst({ where: { id, agentId } });
  }

  async updateExperience(id: string, agentId: string, data: Prisma.ExperienceUpdateInput) {
    const { count } = await this.db.client.experience.updateMany({ where: { id, agentId }, data });
    return count ? this.db.client.experience.findFirst({ where: { id, agentId } }) : null;
  }

  async deleteExperience(id: string, agentId: string): Promise<boolean> {
    const { count } = await this.db.client.experience.deleteMany({ where: { id, agentId } });
    return count > 0;
  }

  /**
   * Stores (or replaces) one KYC document while the KYC is editable (PENDING or REJECTED), with the
   * profile row locked so a concurrent submit cannot slip in between. Returns the replaced file's key,
   * or `false` when the KYC is not editable.
   */
  async putKycDocument(agentId: string, type: KycDocumentType, file: { key: string; contentType: string; size: number }): Promise<string | null | false> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ kyc_status: KycStatus }[]>`SELECT kyc_status FROM agent_profiles WHERE id = ${agentId}::uuid FOR UPDATE`;
      if (!row || !KYC_EDITABLE.includes(row.kyc_status)) return false;
      const previous = await tx.kycDocument.findUnique({ where: { agentId_type: { agentId, type } }, select: { storageKey: true } });
      const data = { storageKey: file.key, contentType: file.contentType, size: file.size, createdAt: new Date() };
      await tx.kycDocument.upsert({ where: { agentId_type: { agentId, type } }, update: data, create: { agentId, type, ...data } });
      return previous?.storageKey ?? null;
    });
  }

  findKycDocument(agentId: string, type: KycDocumentType) {
    return this.db.client.kycDocument.findUnique({ where: { agentId_type: { agentId, type } } });
  }

  /** The KYC state and profile completeness, the row locked for the rest of the caller's transaction; null without a profile. */
  async lockKycState(agentId: string): Promise<{ kycStatus: KycStatus; profileCompleted: boolean } | null> {
    const [row] = await this.db.client.$queryRaw<{ kyc_status: KycStatus; profile_completed: boolean }[]>`
      SELECT kyc_status, profile_completed FROM agent_profiles WHERE id = ${agentId}::uuid FOR UPDATE`;
    return row ? { kycStatus: row.kyc_status, profileCompleted: row.profile_completed } : null;
  }

  countKycDocuments(agentId: string, types: readonly KycDocumentType[]): Promise<number> {
    return this.db.client.kycDocument.count({ where: { agentId, type: { in: [...types] } } });
  }

  async markKycSubmitted(agentId: string): Promise<void> {
    await this.db.client.agentProfile.update({ where: { id: agentId }, data: { kycStatus: 'SUBMITTED', kycSubmittedAt: new Date() } });
  }

  /** SUBMITTED → APPROVED|REJECTED with the decision recorded; false when the KYC was not awaiting review. */
  async decideKyc(agentId: string, decision: KycDecision, reason: string | null, reviewerId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { count } = await tx.agentProfile.updateMany({ where: { id: agentId, kycStatus: 'SUBMITTED' }, data: { kycStatus: decision } });
      if (count === 0) return false;
      await tx.kycReview.create({ data: { agentId, decision, reason, reviewerId } });
      return true;
    });
  }

  async recordAssessment(userId: string, result: { status: AssessmentStatus; cefrLevel: CefrLevel | null; score: number | null }): Promise<void> {
    const data = { assessmentStatus: result.status, cefrLevel: result.cefrLevel, assessmentScore: result.score, assessmentRecordedAt: new Date() };
    await this.db.client.agentProfile.upsert({ where: { userId }, update: data, create: { userId, ...data } });
  }

  findUserIdById(agentId: string) {
    return this.db.client.agentProfile.findUnique({ where: { id: agentId }, select: { userId: true } }).then((row) => row?.userId ?? null);
  }

  /** Records the signature; false when this version was already signed. */
  async signAgreement(agentId: string, version: string, signature: string, ipAddress: string | null): Promise<Date | false> {
    return this.db.transaction(async (tx) => {
      const existing = await tx.agreementSignature.findUnique({ where: { agentId_version: { agentId, version } }, select: { id: true } });
      if (existing) return false;
      const row = await tx.agreementSignature.create({ data: { agentId, version, signature, ipAddress } });
      await tx.agentProfile.update({ where: { id: agentId }, data: { agreementVersion: version, agreementSignedAt: row.signedAt } });
      return row.signedAt;
    });
  }

  /** profileCompleted is derived from the profile facts by `missingProfileFields`, in the writing transaction. */
  private async refreshProfileCompleted(tx: Prisma.TransactionClient, agentId: string): Promise<void> {
    // The row lock makes the last of two racing writers judge with the other's change committed.
    await tx.$queryRaw`SELECT id FROM agent_profiles WHERE id = ${agentId}::uuid FOR UPDATE`;
    const row = await tx.agentProfile.findUniqueOrThrow({ where: { id: agentId }, select: PROFILE_FACTS });
    await tx.agentProfile.update({ where: { id: agentId }, data: { profileCompleted: missingProfileFields(toProfileFacts(row)).length === 0 } });
  }

  /** The agent profile of user `userId`, created empty unless it exists (a user who became an agent). */
  async ensureProfile(userId: string): Promise<void> {
    await this.db.client.agentProfile.upsert({ where: { userId }, create: { userId }, update: {}, select: { id: true } });
  }

  /** Locks agent `agentId`'s profile row for the rest of the caller's transaction (serialises that agent's bookings). */
  async lockProfile(agentId: string): Promise<void> {
    await this.db.client.$queryRaw`SELECT id FROM agent_profiles WHERE id = ${agentId}::uuid FOR UPDATE`;
  }
}
