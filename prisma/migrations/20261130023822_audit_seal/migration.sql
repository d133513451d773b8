-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN "seal" TEXT;
