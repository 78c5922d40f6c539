-- AlterTable
ALTER TABLE "payments" ALTER COLUMN "created_by_id" DROP NOT NULL;

