-- CreateEnum
CREATE TYPE "DonorQueryStatus" AS ENUM ('IN_PROGRESS', 'TRANSFERRED', 'RESOLVED', 'CLOSED_BY_DONOR');

-- CreateEnum
CREATE TYPE "DonorQuerySource" AS ENUM ('PUBLIC', 'INTEGRATION');

-- CreateEnum
CREATE TYPE "DonorMessageType" AS ENUM ('QUERY', 'CHAT', 'SYSTEM', 'CALL_STARTED', 'CALL_ENDED');

-- CreateEnum
CREATE TYPE "DonorMessageSender" AS ENUM ('DONOR', 'STAFF', 'SYSTEM');

-- CreateEnum
CREATE TYPE "CallMode" AS ENUM ('VIDEO', 'AUDIO', 'SCREEN');

-- CreateEnum
CREATE TYPE "CallRequestStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED', 'CANCELLED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "CallSessionStatus" AS ENUM ('CREATED', 'STARTED', 'ENDED');

-- CreateEnum
CREATE TYPE "QueryReminderKind" AS ENUM ('MANUAL', 'AUTO', 'ESCALATION');

-- CreateTable
CREATE TABLE "donor_queries" (
    "id" UUID NOT NULL,
    "donor" TEXT NOT NULL,
    "donor_id" TEXT NOT NULL,
    "test" TEXT,
    "stage" TEXT,
    "device" TEXT,
    "source" "DonorQuerySource" NOT NULL DEFAULT 'PUBLIC',
    "status" "DonorQueryStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "access_token_hash" TEXT NOT NULL,
    "assigned_to_id" UUID,
    "resolved_by_id" UUID,
    "transferred_to_user_id" UUID,
    "transfer_note" TEXT,
    "handover_summary" TEXT,
    "waiting_since" TIMESTAMPTZ(3),
    "reminded_at" TIMESTAMPTZ(3),
    "escalated_at" TIMESTAMPTZ(3),
    "accepted_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "donor_queries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "donor_messages" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "sender_kind" "DonorMessageSender" NOT NULL,
    "sender_id" UUID,
    "content" TEXT NOT NULL,
    "message_type" "DonorMessageType" NOT NULL DEFAULT 'CHAT',
    "call_mode" "CallMode",
    "call_session_id" UUID,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "donor_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "direct_messages" (
    "id" UUID NOT NULL,
    "sender_id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "direct_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_requests" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "mode" "CallMode" NOT NULL,
    "message" TEXT,
    "status" "CallRequestStatus" NOT NULL DEFAULT 'PENDING',
    "admin_id" UUID,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "responded_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "call_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_sessions" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "admin_id" UUID NOT NULL,
    "call_request_id" UUID,
    "room_name" TEXT NOT NULL,
    "room_url" TEXT NOT NULL,
    "mode" "CallMode" NOT NULL,
    "status" "CallSessionStatus" NOT NULL DEFAULT 'CREATED',
    "admin_token" TEXT NOT NULL,
    "user_token" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "duration_seconds" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "call_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "query_reminders" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "kind" "QueryReminderKind" NOT NULL,
    "sender_id" UUID,
    "recipient_id" UUID NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "query_reminders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "donor_queries_access_token_hash_key" ON "donor_queries"("access_token_hash");

-- CreateIndex
CREATE INDEX "donor_queries_status_assigned_to_id_created_at_idx" ON "donor_queries"("status", "assigned_to_id", "created_at");

-- CreateIndex
CREATE INDEX "donor_queries_assigned_to_id_status_idx" ON "donor_queries"("assigned_to_id", "status");

-- CreateIndex
CREATE INDEX "donor_queries_waiting_since_idx" ON "donor_queries"("waiting_since");

-- CreateIndex
CREATE INDEX "donor_messages_query_id_created_at_id_idx" ON "donor_messages"("query_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "direct_messages_sender_id_recipient_id_created_at_idx" ON "direct_messages"("sender_id", "recipient_id", "created_at");

-- CreateIndex
CREATE INDEX "direct_messages_recipient_id_read_at_idx" ON "direct_messages"("recipient_id", "read_at");

-- CreateIndex
CREATE INDEX "call_requests_query_id_status_idx" ON "call_requests"("query_id", "status");

-- CreateIndex
CREATE INDEX "call_requests_status_expires_at_idx" ON "call_requests"("status", "expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "call_sessions_call_request_id_key" ON "call_sessions"("call_request_id");

-- CreateIndex
CREATE UNIQUE INDEX "call_sessions_room_name_key" ON "call_sessions"("room_name");

-- CreateIndex
CREATE INDEX "call_sessions_query_id_status_idx" ON "call_sessions"("query_id", "status");

-- CreateIndex
CREATE INDEX "query_reminders_query_id_created_at_idx" ON "query_reminders"("query_id", "created_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_read_at_created_at_idx" ON "notifications"("user_id", "read_at", "created_at");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at");

-- AddForeignKey
ALTER TABLE "donor_queries" ADD CONSTRAINT "donor_queries_assigned_to_id_fkey" FOREIGN KEY ("assigned_to_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donor_queries" ADD CONSTRAINT "donor_queries_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donor_queries" ADD CONSTRAINT "donor_queries_transferred_to_user_id_fkey" FOREIGN KEY ("transferred_to_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donor_messages" ADD CONSTRAINT "donor_messages_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "donor_queries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donor_messages" ADD CONSTRAINT "donor_messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "donor_messages" ADD CONSTRAINT "donor_messages_call_session_id_fkey" FOREIGN KEY ("call_session_id") REFERENCES "call_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "direct_messages" ADD CONSTRAINT "direct_messages_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "direct_messages" ADD CONSTRAINT "direct_messages_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_requests" ADD CONSTRAINT "call_requests_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "donor_queries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_requests" ADD CONSTRAINT "call_requests_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_sessions" ADD CONSTRAINT "call_sessions_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "donor_queries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_sessions" ADD CONSTRAINT "call_sessions_admin_id_fkey" FOREIGN KEY ("admin_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_sessions" ADD CONSTRAINT "call_sessions_call_request_id_fkey" FOREIGN KEY ("call_request_id") REFERENCES "call_requests"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_reminders" ADD CONSTRAINT "query_reminders_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "donor_queries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_reminders" ADD CONSTRAINT "query_reminders_sender_id_fkey" FOREIGN KEY ("sender_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "query_reminders" ADD CONSTRAINT "query_reminders_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One active call per query, and one pending call request per query, even under racing requests
-- (partial unique indexes: the Prisma schema cannot express them).
CREATE UNIQUE INDEX "call_sessions_one_active_per_query" ON "call_sessions"("query_id") WHERE "status" <> 'ENDED';
CREATE UNIQUE INDEX "call_requests_one_pending_per_query" ON "call_requests"("query_id") WHERE "status" = 'PENDING';
