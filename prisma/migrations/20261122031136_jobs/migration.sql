-- CreateEnum
CREATE TYPE "FailedJobStatus" AS ENUM ('FAILED', 'RETRIED');

-- CreateTable
CREATE TABLE "failed_jobs" (
    "id" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "summary" JSONB NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "status" "FailedJobStatus" NOT NULL DEFAULT 'FAILED',
    "failed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retried_at" TIMESTAMPTZ(3),
    "retried_by" UUID,

    CONSTRAINT "failed_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "failed_jobs_status_failed_at_idx" ON "failed_jobs"("status", "failed_at");
