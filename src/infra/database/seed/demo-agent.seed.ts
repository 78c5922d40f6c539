import { CURRENT_AGREEMENT } from '../../../modules/agents/agreement.js';
import { missingProfileFields } from '../../../modules/agents/profile-completeness.js';
import { cefrAtLeast } from '../../../common/cefr.js';
import { cefrFromScore } from '../../../modules/proctoring/domain/cefr.js';
import { isObjective, weightedScore } from '../../../modules/proctoring/domain/scoring.js';
import type { AgentProfile, CandidateAssessment, Prisma, PrismaClient } from '../../../generated/prisma/client.js';
import { KycDocumentType, type AnswerScoredBy, type QuestionType } from '../../../generated/prisma/enums.js';
import { DOCUMENT_TYPES, IMAGE_TYPES, detectAllowedType } from '../../storage/file-type.js';
import { LocalStorageProvider } from '../../storage/local-storage.provider.js';
import type { StorageProvider } from '../../storage/storage.provider.js';
import { demoAvatarPng, demoDocumentPdf } from './demo-files.js';
import { DEMO_OPPORTUNITY_REQUIREMENTS } from './gigs.seed.js';
import { DEMO_ASSESSMENT_TITLE } from './proctoring.seed.js';
import type { SeedCheckClient, SeedOptions } from './seed.js';

const DEMO_AGENT_EMAIL = 'agent@demo.cx';
const DEMO_AGENT_NAME = 'Gita Agent';
/** Decides the demo agent's KYC and reviews its free-text answers (the seeded super admin if it is gone). */
const DEMO_REVIEWER_EMAIL = 'admin@demo.cx';
const KYC_TYPES = Object.values(KycDocumentType);

const TEXT_FIELDS = {
  gender: 'female',
  addressLine: '42 Residency Road',
  city: 'Bengaluru',
  state: 'Karnataka',
  country: 'IN',
  postalCode: '560025',
  bio: 'Three years of chat and email support for an online retailer: orders, deliveries and refunds.',
} as const;
const DATE_OF_BIRTH = new Date(Date.UTC(1996, 7, 14));
const SKILLS = [...DEMO_OPPORTUNITY_REQUIREMENTS.requiredSkills, 'chat', 'email'];
const LANGUAGES = ['en', 'hi', 'kn'];
const QUALIFICATION = { degree: 'B.Com', institution: 'Bangalore University', fieldOfStudy: 'Commerce', startYear: 2014, endYear: 2017 };
const EXPERIENCE = {
  company: 'Kart Express',
  title: 'Customer support executive',
  startDate: new Date(Date.UTC(2021, 2, 1)),
  endDate: new Date(Date.UTC(2024, 1, 29)),
  description: 'Order, delivery and refund questions over chat and email.',
};
const EMPLOYMENT = { status: 'SELF_EMPLOYED' as const, designation: 'Freelance support agent', hoursAvailablePerWeek: 20 };
const KYC_DOCUMENT_TITLES: Record<KycDocumentType, string> = { AADHAR_FRONT: 'Aadhaar card (front)', AADHAR_BACK: 'Aadhaar card (back)', PAN: 'PAN card' };

/** How the demo agent did on each kind of question (0..1); objective ones are answered correctly. */
const ANSWER_SCORES: Record<QuestionType, { score: number; scoredBy: AnswerScoredBy }> = {
  AUDIO_MCQ: { score: 1, scoredBy: 'AUTO' },
  READING_MCQ: { score: 1, scoredBy: 'AUTO' },
  FILL_BLANK: { score: 1, scoredBy: 'AUTO' },
  SPEAKING: { score: 0.6, scoredBy: 'STAFF' },
  WRITING: { score: 0.5, scoredBy: 'STAFF' },
};
const WRITTEN_ANSWER =
  'I am sorry your parcel arrived damaged. I have arranged a free replacement, which ships today, and you can keep or discard the damaged item.';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const blank = (value: string | null) => !value?.trim();

/** Everything the seeder looks at, read in one query. */
const agentState = (prisma: PrismaClient) =>
  prisma.user.findUnique({
    where: { email: DEMO_AGENT_EMAIL },
    select: {
      id: true,
      role: true,
      agentProfile: {
        include: {
          employment: { select: { id: true } },
          kycDocuments: { select: { type: true, storageKey: true } },
          agreements: { where: { version: CURRENT_AGREEMENT.version }, select: { signedAt: true } },
          _count: { select: { qualifications: true, experiences: true } },
        },
      },
      proctoringCandidate: { select: { overallCefrLevel: true } },
      candidateAssessments: { select: { assessmentId: true, attempt: true, status: true, result: true, cefrLevel: true, score: true, completedAt: true } },
    },
  });

/**
 * The demo agent, onboarded: a complete profile (photo, qualification, experience, skills that the
 * demo opportunity asks for), KYC approved by the demo admin, the demo assessment passed at a level
 * the opportunity accepts, and the current agreement signed. Fills only what is missing (a value the
 * agent has set is kept), so it also brings a demo agent left half-done by an older seed up to date.
 * Its files go through the storage provider, as uploads do; its rows are written in one transaction.
 */
export async function seedDemoAgent(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  if (!options.demoData) return;
  let user = await agentState(prisma);
  if (user?.role !== 'AGENT') return;
  if (!user.agentProfile) {
    await prisma.agentProfile.upsert({ where: { userId: user.id }, update: {}, create: { userId: user.id } });
    user = (await agentState(prisma))!;
  }
  const profile = user.agentProfile!;
  const storage = new LocalStorageProvider({ uploadDir: options.uploadDir });
  const filled: string[] = [];
  const writes: Prisma.PrismaPromise<unknown>[] = [];

  // Profile: every field the completeness rule and the opportunity look at, and the photo file.
  const fields: Partial<Pick<AgentProfile, keyof typeof TEXT_FIELDS | 'dateOfBirth' | 'skills' | 'languages' | 'photoKey'>> = {};
  for (const [field, value] of Object.entries(TEXT_FIELDS) as [keyof typeof TEXT_FIELDS, string][]) if (blank(profile[field])) fields[field] = value;
  if (!profile.dateOfBirth) fields.dateOfBirth = DATE_OF_BIRTH;
  if (!profile.skills.length) fields.skills = SKILLS;
  if (!profile.languages.length) fields.languages = LANGUAGES;
  if (!profile.photoKey || !(await storage.exists(profile.photoKey))) fields.photoKey = await store(storage, 'agent-photos', demoAvatarPng(), IMAGE_TYPES);
  const update: Prisma.AgentProfileUncheckedUpdateInput = { ...fields };
  if (!profile._count.qualifications) update.qualifications = { create: QUALIFICATION };
  if (!profile._count.experiences) update.experiences = { create: EXPERIENCE };
  if (!profile.employment) update.employment = { create: EMPLOYMENT };
  if (Object.keys(update).length) filled.push('profile');
  const profileCompleted = missingProfileFields({ ...profile, ...fields, qualificationCount: Math.max(profile._count.qualifications, 1) }).length === 0;
  if (profileCompleted !== profile.profileCompleted) update.profileCompleted = profileCompleted;

  const reviewer =
    (await prisma.user.findUnique({ where: { email: DEMO_REVIEWER_EMAIL }, select: { id: true } })) ??
    (await prisma.user.findUnique({ where: { email: options.adminEmail.toLowerCase() }, select: { id: true } }));

  // KYC: every document file, then the approval (after a complete profile, as the state machine has it).
  let kycApproved = profile.kycStatus === 'APPROVED';
  if (profileCompleted && reviewer) {
    const documents: Prisma.KycDocumentUpsertWithWhereUniqueWithoutAgentInput[] = [];
    for (const type of KYC_TYPES) {
      const current = profile.kycDocuments.find((doc) => doc.type === type);
      if (current && (await storage.exists(current.storageKey))) continue;
      const content = demoDocumentPdf([`DEMO - ${KYC_DOCUMENT_TITLES[type]}`, DEMO_AGENT_NAME, 'Sample file of the demo data: not an identity document.']);
      const file = {
        storageKey: await store(storage, 'kyc', content, DOCUMENT_TYPES),
        contentType: 'application/pdf',
        size: content.length,
        createdAt: daysAgo(3),
      };
      documents.push({ where: { agentId_type: { agentId: profile.id, type } }, update: file, create: { type, ...file } });
    }
    if (documents.length) {
      update.kycDocuments = { upsert: documents };
      filled.push('KYC documents');
    }
    if (!kycApproved) {
      const submittedAt = profile.kycSubmittedAt ?? daysAgo(3);
      update.kycStatus = 'APPROVED';
      update.kycSubmittedAt = submittedAt;
      update.kycReviews = {
        create: { decision: 'APPROVED', reviewerId: reviewer.id, createdAt: new Date(Math.min(Date.now(), submittedAt.getTime() + 2 * HOUR_MS)) },
      };
      kycApproved = true;
      filled.push('KYC approval');
    }
  }

  // Assessment: a passed attempt, the candidate's overall level, and the result on the profile.
  let passed = profile.assessmentStatus === 'PASSED' && profile.cefrLevel !== null;
  if (kycApproved && reviewer) {
    const attempts = user.candidateAssessments;
    const attempt =
      attempts.filter((a) => a.status === 'COMPLETED' && a.result === 'PASSED').sort((a, b) => Number(b.completedAt) - Number(a.completedAt))[0] ??
      (await planDemoAttempt(prisma, user.id, attempts, reviewer.id, writes));
    if (attempt?.cefrLevel) {
      const recordedAt = attempt.completedAt ?? new Date();
      if (!user.proctoringCandidate?.overallCefrLevel) {
        const level = { overallCefrLevel: attempt.cefrLevel, lastAssessedAt: recordedAt };
        writes.push(prisma.candidate.upsert({ where: { userId: user.id }, create: { userId: user.id, ...level }, update: level }));
      }
      if (!passed) {
        update.assessmentStatus = 'PASSED';
        update.cefrLevel = attempt.cefrLevel;
        update.assessmentScore = attempt.score;
        update.assessmentRecordedAt = recordedAt;
      }
      if (writes.length || !passed) filled.push('assessment');
      passed = true;
    }
  }

  // The agreement in force, signed once the assessment is passed.
  if (passed && profile.agreementVersion !== CURRENT_AGREEMENT.version) {
    const signedAt = profile.agreements[0]?.signedAt ?? daysAgo(1);
    if (!profile.agreements.length) update.agreements = { create: { version: CURRENT_AGREEMENT.version, signature: DEMO_AGENT_NAME, signedAt } };
    update.agreementVersion = CURRENT_AGREEMENT.version;
    update.agreementSignedAt = signedAt;
    filled.push('agreement');
  }

  if (Object.keys(update).length) writes.unshift(prisma.agentProfile.update({ where: { id: profile.id }, data: update }));
  if (writes.length) await prisma.$transaction(writes);
  if (filled.length) options.log?.(`Seeded the demo agent's ${filled.join(', ')}`);
}

type AttemptFacts = Pick<CandidateAssessment, 'assessmentId' | 'attempt' | 'status' | 'result' | 'cefrLevel' | 'score' | 'completedAt'>;

/** Queues a completed, passed attempt at the demo assessment (ended session, scored answers); null when there is none to take. */
async function planDemoAttempt(
  prisma: PrismaClient,
  userId: string,
  attempts: readonly AttemptFacts[],
  reviewerId: string,
  writes: Prisma.PrismaPromise<unknown>[],
): Promise<AttemptFacts | null> {
  const assessment = await prisma.assessment.findUnique({
    where: { title: DEMO_ASSESSMENT_TITLE },
    include: { sections: { orderBy: { position: 'asc' }, include: { questions: { orderBy: { position: 'asc' } } } } },
  });
  if (!assessment) return null;
  const { total, sections } = weightedScore(
    assessment.sections.map((section) => ({
      id: section.id,
      title: section.title,
      weight: section.weight,
      questions: section.questions.map((q) => ({ points: q.points, score: ANSWER_SCORES[q.type].score })),
    })),
  );
  const cefrLevel = cefrFromScore(total);
  // An assessment edited to ask for more than the demo answers reach is left for the agent to take.
  if (!cefrAtLeast(cefrLevel, assessment.passingLevel)) return null;
  const startedAt = daysAgo(2);
  const endedAt = new Date(startedAt.getTime() + Math.min(30, assessment.timeLimitMinutes) * MINUTE_MS);
  const attempt = {
    assessmentId: assessment.id,
    attempt: Math.max(0, ...attempts.filter((a) => a.assessmentId === assessment.id).map((a) => a.attempt)) + 1,
    status: 'COMPLETED' as const,
    result: 'PASSED' as const,
    score: total,
    cefrLevel,
    completedAt: endedAt,
  };
  writes.push(
    prisma.candidateAssessment.create({
      data: {
        ...attempt,
        userId,
        sectionScores: sections as unknown as Prisma.InputJsonArray,
        startedAt,
        submittedAt: endedAt,
        session: {
          create: {
            userId,
            status: 'ENDED',
            startedAt,
            deadline: new Date(startedAt.getTime() + assessment.timeLimitMinutes * MINUTE_MS),
            endedAt,
            endReason: 'SUBMITTED',
            lastHeartbeatAt: endedAt,
            reviewStatus: 'NOT_REQUIRED',
          },
        },
        answers: {
          create: assessment.sections.flatMap((section) =>
            section.questions.map((q) => ({
              questionId: q.id,
              userId,
              response: isObjective(q.type) ? (q.correctAnswers[0] ?? null) : q.type === 'WRITING' ? WRITTEN_ANSWER : null,
              status: 'SCORED' as const,
              score: ANSWER_SCORES[q.type].score,
              scoredBy: ANSWER_SCORES[q.type].scoredBy,
              reviewedById: ANSWER_SCORES[q.type].scoredBy === 'STAFF' ? reviewerId : null,
            })),
          ),
        },
      },
    }),
  );
  return attempt;
}

/** Stores a file the way an upload is stored: its type read from its bytes, then saved under a new key. */
async function store(storage: StorageProvider, folder: string, data: Buffer, allowed: readonly string[]): Promise<string> {
  const type = await detectAllowedType(data, allowed);
  return (await storage.save(folder, data, type.mime, type.ext)).key;
}

/** One query says whether every step above is done; then the stored files are looked for. */
export async function demoAgentSeeded(db: SeedCheckClient, options: SeedOptions): Promise<boolean> {
  if (!options.demoData) return true;
  const { rows } = await db.query<{ complete: boolean; fileKeys: string[] }>(
    `SELECT COALESCE(
              nullif(btrim(p.gender), '') IS NOT NULL AND nullif(btrim(p.address_line), '') IS NOT NULL
          AND nullif(btrim(p.city), '') IS NOT NULL AND nullif(btrim(p.state), '') IS NOT NULL
          AND nullif(btrim(p.country), '') IS NOT NULL AND nullif(btrim(p.postal_code), '') IS NOT NULL
          AND nullif(btrim(p.bio), '') IS NOT NULL AND p.date_of_birth IS NOT NULL
          AND cardinality(p.skills) > 0 AND cardinality(p.languages) > 0
          AND p.photo_key IS NOT NULL AND p.profile_completed
          AND EXISTS (SELECT 1 FROM agent_qualifications q WHERE q.agent_id = p.id)
          AND EXISTS (SELECT 1 FROM agent_experiences e WHERE e.agent_id = p.id)
          AND EXISTS (SELECT 1 FROM agent_employments m WHERE m.agent_id = p.id)
          AND (SELECT count(*) FROM agent_kyc_documents d WHERE d.agent_id = p.id AND d.type::text = ANY($2::text[])) = cardinality($2::text[])
          AND p.kyc_status = 'APPROVED'
          AND EXISTS (SELECT 1 FROM candidate_assessments a WHERE a.user_id = u.id AND a.status = 'COMPLETED' AND a.result = 'PASSED')
          AND EXISTS (SELECT 1 FROM candidates c WHERE c.user_id = u.id AND c.overall_cefr_level IS NOT NULL)
          AND p.assessment_status = 'PASSED' AND p.cefr_level IS NOT NULL
          AND p.agreement_version = $3, false) AS complete,
            array_remove(ARRAY[p.photo_key] || ARRAY(SELECT d.storage_key FROM agent_kyc_documents d WHERE d.agent_id = p.id), NULL) AS "fileKeys"
       FROM users u LEFT JOIN agent_profiles p ON p.user_id = u.id
      WHERE u.email = $1 AND u.role = 'AGENT'`,
    [DEMO_AGENT_EMAIL, KYC_TYPES, CURRENT_AGREEMENT.version],
  );
  // No demo agent: nothing for this seeder to do (the users' check covers a missing demo user).
  if (!rows[0]) return true;
  if (!rows[0].complete) return false;
  const storage = new LocalStorageProvider({ uploadDir: options.uploadDir });
  for (const key of rows[0].fileKeys) if (!(await storage.exists(key))) return false;
  return true;
}
