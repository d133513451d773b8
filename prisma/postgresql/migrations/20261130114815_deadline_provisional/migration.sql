-- AlterTable
ALTER TABLE "Inspection" ADD COLUMN     "nextDueProvisional" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "DeadlineRecord" ADD COLUMN     "provisional" BOOLEAN NOT NULL DEFAULT false;
