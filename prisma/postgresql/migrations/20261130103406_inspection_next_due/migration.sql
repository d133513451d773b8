-- AlterTable
ALTER TABLE "Inspection" ADD COLUMN     "nextDueAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Inspection_unitId_nextDueAt_idx" ON "Inspection"("unitId", "nextDueAt");

-- CreateIndex
CREATE INDEX "Inspection_nextDueAt_idx" ON "Inspection"("nextDueAt");

-- Inspections opened before this column: their earliest deadline not yet met.
UPDATE "Inspection" SET "nextDueAt" = (
  SELECT MIN(d."dueAt") FROM "DeadlineRecord" d WHERE d."inspectionId" = "Inspection"."id" AND d."metAt" IS NULL
);
