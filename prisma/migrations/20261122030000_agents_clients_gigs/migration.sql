-- CreateEnum
CREATE TYPE "KycStatus" AS ENUM ('PENDING', 'SUBMITTED', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "KycDocumentType" AS ENUM ('AADHAR_FRONT', 'AADHAR_BACK', 'PAN');

-- CreateEnum
CREATE TYPE "KycDecision" AS ENUM ('APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('NOT_STARTED', 'PASSED', 'FAILED');

-- CreateEnum
CREATE TYPE "EmploymentStatus" AS ENUM ('EMPLOYED', 'SELF_EMPLOYED', 'UNEMPLOYED', 'STUDENT');

-- CreateEnum
CREATE TYPE "CefrLevel" AS ENUM ('A1', 'A2', 'B1', 'B2', 'C1', 'C2');

-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('ACTIVE', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "OpportunityStatus" AS ENUM ('DRAFT', 'OPEN', 'FILLED', 'CLOSED');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED');

-- CreateEnum
CREATE TYPE "GigStatus" AS ENUM ('ACTIVE', 'COMPLETED');

-- CreateEnum
CREATE TYPE "WorkState" AS ENUM ('OFFLINE', 'WORKING', 'ON_BREAK');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('LOGIN', 'BREAK_START', 'BREAK_END', 'LOGOUT');

-- CreateEnum
CREATE TYPE "SubmissionStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'REWORK_NEEDED', 'REWORK_SUBMITTED');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('SETTLED');

-- CreateEnum
CREATE TYPE "ReviewDirection" AS ENUM ('AGENT_TO_CLIENT', 'CLIENT_TO_AGENT');

-- CreateEnum
CREATE TYPE "DisputeTarget" AS ENUM ('APPLICATION', 'GIG', 'SUBMISSION', 'PAYMENT');

-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('OPEN', 'ESCALATED', 'RESOLVED', 'DISMISSED');

-- AlterTable
ALTER TABLE "agent_profiles" ADD COLUMN     "address_line" TEXT,
ADD COLUMN     "agreement_signed_at" TIMESTAMPTZ(3),
ADD COLUMN     "agreement_version" TEXT,
ADD COLUMN     "assessment_recorded_at" TIMESTAMPTZ(3),
ADD COLUMN     "assessment_score" DOUBLE PRECISION,
ADD COLUMN     "assessment_status" "AssessmentStatus" NOT NULL DEFAULT 'NOT_STARTED',
ADD COLUMN     "bio" TEXT,
ADD COLUMN     "cefr_level" "CefrLevel",
ADD COLUMN     "city" TEXT,
ADD COLUMN     "country" TEXT,
ADD COLUMN     "date_of_birth" DATE,
ADD COLUMN     "gender" TEXT,
ADD COLUMN     "kyc_status" "KycStatus" NOT NULL DEFAULT 'PENDING',
ADD COLUMN     "kyc_submitted_at" TIMESTAMPTZ(3),
ADD COLUMN     "languages" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "photo_key" TEXT,
ADD COLUMN     "postal_code" TEXT,
ADD COLUMN     "profile_completed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "state" TEXT;

-- AlterTable
ALTER TABLE "client_profiles" ADD COLUMN     "contact_phone" TEXT,
ADD COLUMN     "country" TEXT,
ADD COLUMN     "description" TEXT,
ADD COLUMN     "industry" TEXT,
ADD COLUMN     "website" TEXT;

-- CreateTable
CREATE TABLE "agent_qualifications" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "degree" TEXT NOT NULL,
    "institution" TEXT NOT NULL,
    "field_of_study" TEXT,
    "start_year" INTEGER,
    "end_year" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_qualifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_experiences" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "company" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE,
    "description" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_experiences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_employments" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "status" "EmploymentStatus" NOT NULL,
    "employer" TEXT,
    "designation" TEXT,
    "hours_available_per_week" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agent_employments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_kyc_documents" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "type" "KycDocumentType" NOT NULL,
    "storage_key" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_kyc_documents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_kyc_reviews" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "decision" "KycDecision" NOT NULL,
    "reason" TEXT,
    "reviewer_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_kyc_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_agreement_signatures" (
    "id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "ip_address" TEXT,
    "signed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_agreement_signatures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects" (
    "id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" "ProjectStatus" NOT NULL DEFAULT 'ACTIVE',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "projects_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opportunities" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "required_skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "min_cefr_level" "CefrLevel",
    "min_experience_months" INTEGER NOT NULL DEFAULT 0,
    "rate_minor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "accepted_count" INTEGER NOT NULL DEFAULT 0,
    "status" "OpportunityStatus" NOT NULL DEFAULT 'DRAFT',
    "published_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "opportunities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "client_schedule_slots" (
    "id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "capacity" INTEGER NOT NULL,
    "filled_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_schedule_slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gig_applications" (
    "id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "cover_note" TEXT,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'PENDING',
    "decision_reason" TEXT,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gig_applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "selected_gigs" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "status" "GigStatus" NOT NULL DEFAULT 'ACTIVE',
    "work_state" "WorkState" NOT NULL DEFAULT 'OFFLINE',
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "selected_gigs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_work_slots" (
    "id" UUID NOT NULL,
    "gig_id" UUID NOT NULL,
    "slot_id" UUID NOT NULL,
    "agent_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_work_slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gig_activity_logs" (
    "id" UUID NOT NULL,
    "gig_id" UUID NOT NULL,
    "type" "ActivityType" NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gig_activity_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "submitted_work" (
    "id" UUID NOT NULL,
    "gig_id" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "file_keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "SubmissionStatus" NOT NULL DEFAULT 'PENDING',
    "rework_rounds" INTEGER NOT NULL DEFAULT 0,
    "review_notes" TEXT,
    "worked_minutes" INTEGER,
    "auto_approved" BOOLEAN NOT NULL DEFAULT false,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "submitted_work_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments" (
    "id" UUID NOT NULL,
    "submission_id" UUID NOT NULL,
    "gig_id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "worked_minutes" INTEGER NOT NULL,
    "rate_minor" INTEGER NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'SETTLED',
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gig_reviews" (
    "id" UUID NOT NULL,
    "gig_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "subject_id" UUID NOT NULL,
    "direction" "ReviewDirection" NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gig_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "disputes" (
    "id" UUID NOT NULL,
    "raised_by_id" UUID NOT NULL,
    "target_type" "DisputeTarget" NOT NULL,
    "application_id" UUID,
    "gig_id" UUID,
    "submission_id" UUID,
    "payment_id" UUID,
    "counterparty_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "DisputeStatus" NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT,
    "resolved_by_id" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "deadline_at" TIMESTAMPTZ(3) NOT NULL,
    "escalated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "disputes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agent_qualifications_agent_id_idx" ON "agent_qualifications"("agent_id");

-- CreateIndex
CREATE INDEX "agent_experiences_agent_id_idx" ON "agent_experiences"("agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "agent_employments_agent_id_key" ON "agent_employments"("agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "agent_kyc_documents_agent_id_type_key" ON "agent_kyc_documents"("agent_id", "type");

-- CreateIndex
CREATE INDEX "agent_kyc_reviews_agent_id_idx" ON "agent_kyc_reviews"("agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "agent_agreement_signatures_agent_id_version_key" ON "agent_agreement_signatures"("agent_id", "version");

-- CreateIndex
CREATE INDEX "projects_client_id_idx" ON "projects"("client_id");

-- CreateIndex
CREATE INDEX "opportunities_status_idx" ON "opportunities"("status");

-- CreateIndex
CREATE INDEX "opportunities_client_id_idx" ON "opportunities"("client_id");

-- CreateIndex
CREATE INDEX "client_schedule_slots_opportunity_id_idx" ON "client_schedule_slots"("opportunity_id");

-- CreateIndex
CREATE INDEX "gig_applications_agent_id_idx" ON "gig_applications"("agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "gig_applications_opportunity_id_agent_id_key" ON "gig_applications"("opportunity_id", "agent_id");

-- CreateIndex
CREATE UNIQUE INDEX "selected_gigs_application_id_key" ON "selected_gigs"("application_id");

-- CreateIndex
CREATE INDEX "selected_gigs_agent_id_idx" ON "selected_gigs"("agent_id");

-- CreateIndex
CREATE INDEX "selected_gigs_client_id_idx" ON "selected_gigs"("client_id");

-- CreateIndex
CREATE INDEX "agent_work_slots_agent_id_starts_at_idx" ON "agent_work_slots"("agent_id", "starts_at");

-- CreateIndex
CREATE UNIQUE INDEX "agent_work_slots_gig_id_slot_id_key" ON "agent_work_slots"("gig_id", "slot_id");

-- CreateIndex
CREATE INDEX "gig_activity_logs_gig_id_occurred_at_idx" ON "gig_activity_logs"("gig_id", "occurred_at");

-- CreateIndex
CREATE INDEX "submitted_work_gig_id_idx" ON "submitted_work"("gig_id");

-- CreateIndex
CREATE INDEX "submitted_work_status_submitted_at_idx" ON "submitted_work"("status", "submitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "payments_submission_id_key" ON "payments"("submission_id");

-- CreateIndex
CREATE UNIQUE INDEX "payments_idempotency_key_key" ON "payments"("idempotency_key");

-- CreateIndex
CREATE INDEX "payments_gig_id_idx" ON "payments"("gig_id");

-- CreateIndex
CREATE INDEX "gig_reviews_subject_id_idx" ON "gig_reviews"("subject_id");

-- CreateIndex
CREATE UNIQUE INDEX "gig_reviews_gig_id_direction_key" ON "gig_reviews"("gig_id", "direction");

-- CreateIndex
CREATE INDEX "disputes_status_deadline_at_idx" ON "disputes"("status", "deadline_at");

-- CreateIndex
CREATE INDEX "disputes_raised_by_id_idx" ON "disputes"("raised_by_id");

-- CreateIndex
CREATE INDEX "disputes_counterparty_id_idx" ON "disputes"("counterparty_id");

-- CreateIndex
CREATE INDEX "agent_profiles_kyc_status_idx" ON "agent_profiles"("kyc_status");

-- AddForeignKey
ALTER TABLE "agent_qualifications" ADD CONSTRAINT "agent_qualifications_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_experiences" ADD CONSTRAINT "agent_experiences_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_employments" ADD CONSTRAINT "agent_employments_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_kyc_documents" ADD CONSTRAINT "agent_kyc_documents_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_kyc_reviews" ADD CONSTRAINT "agent_kyc_reviews_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_kyc_reviews" ADD CONSTRAINT "agent_kyc_reviews_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_agreement_signatures" ADD CONSTRAINT "agent_agreement_signatures_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects" ADD CONSTRAINT "projects_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "client_schedule_slots" ADD CONSTRAINT "client_schedule_slots_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gig_applications" ADD CONSTRAINT "gig_applications_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gig_applications" ADD CONSTRAINT "gig_applications_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "selected_gigs" ADD CONSTRAINT "selected_gigs_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "gig_applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "selected_gigs" ADD CONSTRAINT "selected_gigs_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "selected_gigs" ADD CONSTRAINT "selected_gigs_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "selected_gigs" ADD CONSTRAINT "selected_gigs_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "client_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_work_slots" ADD CONSTRAINT "agent_work_slots_gig_id_fkey" FOREIGN KEY ("gig_id") REFERENCES "selected_gigs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_work_slots" ADD CONSTRAINT "agent_work_slots_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "client_schedule_slots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gig_activity_logs" ADD CONSTRAINT "gig_activity_logs_gig_id_fkey" FOREIGN KEY ("gig_id") REFERENCES "selected_gigs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submitted_work" ADD CONSTRAINT "submitted_work_gig_id_fkey" FOREIGN KEY ("gig_id") REFERENCES "selected_gigs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submitted_work"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments" ADD CONSTRAINT "payments_gig_id_fkey" FOREIGN KEY ("gig_id") REFERENCES "selected_gigs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gig_reviews" ADD CONSTRAINT "gig_reviews_gig_id_fkey" FOREIGN KEY ("gig_id") REFERENCES "selected_gigs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_raised_by_id_fkey" FOREIGN KEY ("raised_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "gig_applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_gig_id_fkey" FOREIGN KEY ("gig_id") REFERENCES "selected_gigs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submitted_work"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

