-- AlterTable
ALTER TABLE "direct_messages" ADD COLUMN     "idempotency_key" TEXT;

-- AlterTable
ALTER TABLE "donor_messages" ADD COLUMN     "idempotency_key" TEXT;


-- An Idempotency-Key is unique per sender and thread. Partial indexes (Prisma cannot declare them):
-- only keyed rows are indexed, and the donor of a query (sender_id NULL) has an index of its own.
CREATE UNIQUE INDEX "donor_messages_donor_idempotency_key" ON "donor_messages"("query_id", "idempotency_key") WHERE "sender_kind" = 'DONOR' AND "idempotency_key" IS NOT NULL;
CREATE UNIQUE INDEX "donor_messages_staff_idempotency_key" ON "donor_messages"("query_id", "sender_id", "idempotency_key") WHERE "sender_kind" = 'STAFF' AND "idempotency_key" IS NOT NULL;
CREATE UNIQUE INDEX "direct_messages_idempotency_key" ON "direct_messages"("sender_id", "recipient_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL;
