-- AlterTable
-- The search vectors are generated from the title and the message text (schema: dbgenerated()).
ALTER TABLE "conversations" ADD COLUMN     "archived_at" TIMESTAMPTZ(3),
ADD COLUMN     "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "title")) STORED;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "content")) STORED;

-- AlterTable
ALTER TABLE "custom_questions" ADD COLUMN     "group_signature" TEXT;

-- The signature of the entries already there: the first letter of each word of the key, in order.
UPDATE "custom_questions" SET "group_signature" = (
    SELECT string_agg(left(word, 1), '' ORDER BY position)
    FROM unnest(string_to_array("group_key", ' ')) WITH ORDINALITY AS words(word, position)
);

-- CreateTable
CREATE TABLE "custom_question_asks" (
    "id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "message_id" UUID,
    "origin" "CustomQuestionOrigin" NOT NULL,
    "user_id" UUID,
    "conversation_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "custom_question_asks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "custom_question_asks_message_id_key" ON "custom_question_asks"("message_id");

-- CreateIndex
CREATE INDEX "custom_question_asks_question_id_created_at_idx" ON "custom_question_asks"("question_id", "created_at");

-- CreateIndex
CREATE INDEX "conversations_search_vector_idx" ON "conversations" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "messages_search_vector_idx" ON "messages" USING GIN ("search_vector");

-- CreateIndex
-- At most one open inbox entry per group key: concurrent first askers of a question share one entry.
CREATE UNIQUE INDEX "custom_questions_one_open_per_group" ON "custom_questions"("group_key") WHERE "status" = 'OPEN';

-- CreateIndex
-- Open entries that may be a new question up to small typos.
CREATE INDEX "custom_questions_open_group_signature" ON "custom_questions"("group_signature") WHERE "status" = 'OPEN';

-- AddForeignKey
ALTER TABLE "custom_question_asks" ADD CONSTRAINT "custom_question_asks_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "custom_questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
