-- CreateEnum
CREATE TYPE "QuestionType" AS ENUM ('AUDIO_MCQ', 'READING_MCQ', 'FILL_BLANK', 'SPEAKING', 'WRITING');

-- CreateEnum (CefrLevel comes from the agents_clients_gigs migration)

-- CreateEnum
CREATE TYPE "SystemCheckKind" AS ENUM ('SYSTEM', 'DEVICE');

-- CreateEnum
CREATE TYPE "SystemCheckStatus" AS ENUM ('PASSED', 'FAILED');

-- CreateEnum
CREATE TYPE "IdentityStatus" AS ENUM ('VERIFIED', 'FAILED', 'MANUAL_REVIEW');

-- CreateEnum
CREATE TYPE "CandidateAssessmentStatus" AS ENUM ('IN_PROGRESS', 'SUBMITTED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "AssessmentResult" AS ENUM ('PASSED', 'FAILED');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "SessionEndReason" AS ENUM ('SUBMITTED', 'AUTO_SUBMITTED', 'TIME_EXPIRED');

-- CreateEnum
CREATE TYPE "SessionReviewStatus" AS ENUM ('NOT_REQUIRED', 'PENDING', 'CLEAN', 'SUSPICIOUS', 'VIOLATION', 'SECOND_REVIEW_REQUIRED');

-- CreateEnum
CREATE TYPE "ViolationType" AS ENUM ('FACE_MISSING', 'MULTIPLE_FACES', 'TAB_SWITCH', 'FULLSCREEN_EXIT', 'MOUSE_LEAVE', 'KEYBOARD_SHORTCUT', 'RIGHT_CLICK', 'NETWORK_DISCONNECT');

-- CreateEnum
CREATE TYPE "ViolationSeverity" AS ENUM ('WARNING', 'VIOLATION', 'CRITICAL');

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('NONE', 'PENDING', 'UPHELD', 'OVERTURNED');

-- CreateEnum
CREATE TYPE "AnswerStatus" AS ENUM ('SCORED', 'PENDING_SPEECH', 'PENDING_AI', 'PENDING_MANUAL');

-- CreateEnum
CREATE TYPE "AnswerScoredBy" AS ENUM ('AUTO', 'SPEECH', 'AI', 'STAFF');

-- CreateTable
CREATE TABLE "assessments" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "time_limit_minutes" INTEGER NOT NULL,
    "passing_level" "CefrLevel" NOT NULL DEFAULT 'B1',
    "max_attempts" INTEGER NOT NULL DEFAULT 3,
    "retake_cooldown_hours" INTEGER NOT NULL DEFAULT 24,
    "is_published" BOOLEAN NOT NULL DEFAULT true,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_sections" (
    "id" UUID NOT NULL,
    "assessment_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "assessment_sections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "questions" (
    "id" UUID NOT NULL,
    "assessment_id" UUID NOT NULL,
    "section_id" UUID NOT NULL,
    "type" "QuestionType" NOT NULL,
    "prompt" TEXT NOT NULL,
    "media_url" TEXT,
    "options" TEXT[],
    "correct_answers" TEXT[],
    "points" INTEGER NOT NULL DEFAULT 1,
    "position" INTEGER NOT NULL,

    CONSTRAINT "questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidates" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "overall_cefr_level" "CefrLevel",
    "extra_time_minutes" INTEGER NOT NULL DEFAULT 0,
    "last_assessed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "candidates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "face_references" (
    "user_id" UUID NOT NULL,
    "descriptor" DOUBLE PRECISION[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "face_references_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "system_checks" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "SystemCheckKind" NOT NULL,
    "status" "SystemCheckStatus" NOT NULL,
    "report" JSONB NOT NULL,
    "failures" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_verifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "IdentityStatus" NOT NULL,
    "distance" DOUBLE PRECISION NOT NULL,
    "attempt" INTEGER NOT NULL,
    "reviewed_by_id" UUID,
    "review_note" TEXT,
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identity_verifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "candidate_assessments" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "assessment_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status" "CandidateAssessmentStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "result" "AssessmentResult",
    "score" DOUBLE PRECISION,
    "cefr_level" "CefrLevel",
    "section_scores" JSONB,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "candidate_assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proctoring_sessions" (
    "id" UUID NOT NULL,
    "candidate_assessment_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'ACTIVE',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "ended_at" TIMESTAMPTZ(3),
    "end_reason" "SessionEndReason",
    "violation_count" INTEGER NOT NULL DEFAULT 0,
    "warning_count" INTEGER NOT NULL DEFAULT 0,
    "last_heartbeat_at" TIMESTAMPTZ(3),
    "silence_reported_at" TIMESTAMPTZ(3),
    "review_status" "SessionReviewStatus" NOT NULL DEFAULT 'NOT_REQUIRED',
    "review_note" TEXT,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),

    CONSTRAINT "proctoring_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proctoring_logs" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "type" "ViolationType" NOT NULL,
    "severity" "ViolationSeverity" NOT NULL,
    "duration_ms" INTEGER,
    "detail" TEXT,
    "appeal_status" "AppealStatus" NOT NULL DEFAULT 'NONE',
    "appeal_reason" TEXT,
    "appeal_decision_note" TEXT,
    "appeal_decided_by_id" UUID,
    "appeal_decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proctoring_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "violation_snapshots" (
    "id" UUID NOT NULL,
    "log_id" UUID NOT NULL,
    "storage_key" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "violation_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "answers" (
    "id" UUID NOT NULL,
    "candidate_assessment_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "response" TEXT,
    "audio_key" TEXT,
    "audio_content_type" TEXT,
    "status" "AnswerStatus" NOT NULL,
    "score" DOUBLE PRECISION,
    "scored_by" "AnswerScoredBy",
    "feedback" JSONB,
    "reviewed_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "speaking_evaluations" (
    "id" UUID NOT NULL,
    "answer_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_ref" TEXT,
    "transcript" TEXT NOT NULL,
    "fluency" DOUBLE PRECISION NOT NULL,
    "accuracy" DOUBLE PRECISION NOT NULL,
    "pronunciation" DOUBLE PRECISION NOT NULL,
    "overall" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "speaking_evaluations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proctoring_blacklist" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proctoring_blacklist_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "assessments_title_key" ON "assessments"("title");

-- CreateIndex
CREATE UNIQUE INDEX "assessment_sections_assessment_id_position_key" ON "assessment_sections"("assessment_id", "position");

-- CreateIndex
CREATE INDEX "questions_section_id_idx" ON "questions"("section_id");

-- CreateIndex
CREATE UNIQUE INDEX "candidates_user_id_key" ON "candidates"("user_id");

-- CreateIndex
CREATE INDEX "system_checks_user_id_kind_created_at_idx" ON "system_checks"("user_id", "kind", "created_at");

-- CreateIndex
CREATE INDEX "identity_verifications_user_id_created_at_idx" ON "identity_verifications"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "candidate_assessments_status_idx" ON "candidate_assessments"("status");

-- CreateIndex
CREATE UNIQUE INDEX "candidate_assessments_user_id_assessment_id_attempt_key" ON "candidate_assessments"("user_id", "assessment_id", "attempt");

-- CreateIndex
CREATE UNIQUE INDEX "proctoring_sessions_candidate_assessment_id_key" ON "proctoring_sessions"("candidate_assessment_id");

-- CreateIndex
CREATE INDEX "proctoring_sessions_user_id_status_idx" ON "proctoring_sessions"("user_id", "status");

-- CreateIndex
CREATE INDEX "proctoring_sessions_status_deadline_idx" ON "proctoring_sessions"("status", "deadline");

-- CreateIndex
CREATE INDEX "proctoring_sessions_status_last_heartbeat_at_idx" ON "proctoring_sessions"("status", "last_heartbeat_at");

-- CreateIndex
CREATE INDEX "proctoring_logs_session_id_created_at_idx" ON "proctoring_logs"("session_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "violation_snapshots_log_id_key" ON "violation_snapshots"("log_id");

-- CreateIndex
CREATE INDEX "answers_status_idx" ON "answers"("status");

-- CreateIndex
CREATE UNIQUE INDEX "answers_candidate_assessment_id_question_id_key" ON "answers"("candidate_assessment_id", "question_id");

-- CreateIndex
CREATE UNIQUE INDEX "speaking_evaluations_answer_id_key" ON "speaking_evaluations"("answer_id");

-- CreateIndex
CREATE UNIQUE INDEX "proctoring_blacklist_user_id_key" ON "proctoring_blacklist"("user_id");

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_sections" ADD CONSTRAINT "assessment_sections_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "assessment_sections"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "face_references" ADD CONSTRAINT "face_references_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_checks" ADD CONSTRAINT "system_checks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity_verifications" ADD CONSTRAINT "identity_verifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identity_verifications" ADD CONSTRAINT "identity_verifications_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_assessments" ADD CONSTRAINT "candidate_assessments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "candidate_assessments" ADD CONSTRAINT "candidate_assessments_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "assessments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proctoring_sessions" ADD CONSTRAINT "proctoring_sessions_candidate_assessment_id_fkey" FOREIGN KEY ("candidate_assessment_id") REFERENCES "candidate_assessments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proctoring_sessions" ADD CONSTRAINT "proctoring_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proctoring_sessions" ADD CONSTRAINT "proctoring_sessions_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proctoring_logs" ADD CONSTRAINT "proctoring_logs_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "proctoring_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "violation_snapshots" ADD CONSTRAINT "violation_snapshots_log_id_fkey" FOREIGN KEY ("log_id") REFERENCES "proctoring_logs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answers" ADD CONSTRAINT "answers_candidate_assessment_id_fkey" FOREIGN KEY ("candidate_assessment_id") REFERENCES "candidate_assessments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answers" ADD CONSTRAINT "answers_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "speaking_evaluations" ADD CONSTRAINT "speaking_evaluations_answer_id_fkey" FOREIGN KEY ("answer_id") REFERENCES "answers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proctoring_blacklist" ADD CONSTRAINT "proctoring_blacklist_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proctoring_blacklist" ADD CONSTRAINT "proctoring_blacklist_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

