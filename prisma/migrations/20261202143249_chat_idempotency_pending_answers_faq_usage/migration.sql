-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "reply_to_id" UUID;

-- CreateTable
CREATE TABLE "pending_answers" (
    "message_id" UUID NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pending_answers_pkey" PRIMARY KEY ("message_id")
);

-- CreateTable
CREATE TABLE "faq_usage" (
    "message_id" UUID NOT NULL,
    "faq_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "faq_usage_pkey" PRIMARY KEY ("message_id")
);

-- CreateIndex
CREATE INDEX "pending_answers_due_at_idx" ON "pending_answers"("due_at");

-- CreateIndex
CREATE INDEX "faq_usage_faq_id_idx" ON "faq_usage"("faq_id");

-- CreateIndex
CREATE UNIQUE INDEX "messages_reply_to_id_key" ON "messages"("reply_to_id");

-- CreateIndex
CREATE UNIQUE INDEX "messages_sender_id_idempotency_key_key" ON "messages"("sender_id", "idempotency_key");

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_reply_to_id_fkey" FOREIGN KEY ("reply_to_id") REFERENCES "messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pending_answers" ADD CONSTRAINT "pending_answers_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "faq_usage" ADD CONSTRAINT "faq_usage_faq_id_fkey" FOREIGN KEY ("faq_id") REFERENCES "faqs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

