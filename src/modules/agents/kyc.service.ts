import { Injectable, StreamableFile } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { conflict, notFound } from '../../common/http/app-error.js';
import type { KycDocumentType, KycStatus } from '../../generated/prisma/enums.js';
import { TransactionHost } from '../../infra/database/transaction-host.js';
import { ADMIN_ROLES } from '../../common/auth/roles.js';
import { NotificationsService } from '../notifications/index.js';
import { DOCUMENT_TYPES, detectAllowedType } from '../../infra/storage/file-type.js';
import { StorageProvider } from '../../infra/storage/storage.provider.js';
import { AgentsRepository } from './agents.repository.js';
import { AgentsService } from './agents.service.js';
import type { KycDecisionDto } from './dto/admin.dto.js';
import type { AgentResponseDto } from './dto/agent-response.dto.js';
import { KYC_DOCUMENT_TYPES } from './dto/profile.dto.js';
import { requireFile, type UploadedBytes } from './profile-rules.js';

/** KYC: PENDING → (documents) → SUBMITTED → APPROVED | REJECTED → (resubmit) SUBMITTED … */
const KYC_SUBMITTABLE_FROM: readonly KycStatus[] = ['PENDING', 'REJECTED'];

@Injectable()
export class KycService {
  constructor(
    private readonly agents: AgentsRepository,
    private readonly profiles: AgentsService,
    private readonly storage: StorageProvider,
    private readonly notifications: NotificationsService,
    private readonly db: TransactionHost,
  ) {}

  async uploadKycDocument(userId: string, type: KycDocumentType, file: UploadedBytes | undefined): Promise<AgentResponseDto> {
    const data = requireFile(file);
    const detected = await detectAllowedType(data, DOCUMENT_TYPES);
    const agentId = await this.agents.ensureProfileId(userId);
    const stored = await this.storage.save('kyc', data, detected.mime, detected.ext);
    const previous = await this.agents.putKycDocument(agentId, type, stored);
    if (previous === false) {
      await this.storage.remove(stored.key);
      throw conflict('KYC_LOCKED', 'KYC documents cannot change while under review or after approval');
    }
    if (previous) await this.storage.remove(previous);
    return this.profiles.getMe(userId);
  }

  /** The owner's own document, or any agent's for staff (the controller restricts who passes agentId). */
  async kycDocumentFile(user: AuthUser, type: KycDocumentType, agentId?: string): Promise<StreamableFile> {
    const id = agentId ?? (await this.agents.findIdByUserId(user.id));
    const doc = id ? await this.agents.findKycDocument(id, type) : null;
    if (!doc) throw notFound('KYC document');
    return this.profiles.stream(doc.storageKey, doc.contentType);
  }

  async submitKyc(userId: string): Promise<AgentResponseDto> {
    const agentId = await this.agents.ensureProfileId(userId);
    // PENDING|REJECTED → SUBMITTED, on the locked profile row, once the profile and every document are there.
    await this.db.withTransaction(async () => {
      const state = await this.agents.lockKycState(agentId);
      if (!state || !KYC_SUBMITTABLE_FROM.includes(state.kycStatus)) throw conflict('INVALID_STATE', 'KYC is already submitted or approved');
      if (!state.profileCompleted) throw conflict('PROFILE_INCOMPLETE', 'Complete your profile before submitting KYC');
      if ((await this.agents.countKycDocuments(agentId, KYC_DOCUMENT_TYPES)) < KYC_DOCUMENT_TYPES.length) {
        throw conflict('KYC_DOCUMENTS_MISSING', `Upload all of ${KYC_DOCUMENT_TYPES.join(', ')} first`);
      }
      await this.agents.markKycSubmitted(agentId);
    });
    await this.notifications.notifyRoles(ADMIN_ROLES, {
      type: 'agent.kyc_submitted',
      title: 'KYC to review',
      body: 'An agent submitted their KYC documents',
      data: { agentId, userId },
    });
    return this.profiles.getMe(userId);
  }

  async decideKyc(reviewer: AuthUser, agentId: string, dto: KycDecisionDto): Promise<AgentResponseDto> {
    const userId = await this.agents.findUserIdById(agentId);
    if (!userId) throw notFound('Agent');
    if (!(await this.agents.decideKyc(agentId, dto.decision, dto.reason ?? null, reviewer.id))) {
      throw conflict('INVALID_STATE', 'KYC is not awaiting review');
    }
    await this.notifications.notify([userId], {
      type: 'agent.kyc_decided',
      title: dto.decision === 'APPROVED' ? 'KYC approved' : 'KYC not approved',
      body:
        dto.decision === 'APPROVED'
          ? 'Your identity is verified: the language assessment is next'
          : `Your KYC was not approved${dto.reason ? `: ${dto.reason}` : ''}`,
      data: { decision: dto.decision, reason: dto.reason },
    });
    return this.profiles.getForStaff(agentId);
  }
}
