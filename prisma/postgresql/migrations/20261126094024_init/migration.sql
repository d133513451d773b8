-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Sector" AS ENUM ('NON_COAL_MINE', 'HAZARDOUS_CHEMICALS', 'FIREWORKS', 'GENERAL');

-- CreateEnum
CREATE TYPE "OperatingState" AS ENUM ('OPERATING', 'SUSPENDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "CertificateStatus" AS ENUM ('VALID', 'SUSPENDED', 'REVOKED');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED', 'PUBLISHED', 'RETIRED');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'RUNNING', 'CLOSED');

-- CreateEnum
CREATE TYPE "InspectionOrigin" AS ENUM ('RANDOM', 'COMPLAINT', 'REPORT', 'ASSIGNED', 'CAMPAIGN', 'TRANSFERRED');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('INSPECTOR', 'EXPERT');

-- CreateEnum
CREATE TYPE "ItemResultKind" AS ENUM ('COMPLIANT', 'PROBLEM', 'NOT_CHECKED');

-- CreateEnum
CREATE TYPE "FollowUpDecision" AS ENUM ('PENALTY', 'TRANSFER_AGENCY', 'TRANSFER_JUDICIAL', 'NONE');

-- CreateEnum
CREATE TYPE "EmailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "EscalationLevel" AS ENUM ('REMINDER', 'SUPERVISOR', 'LEADER');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('WORKDAY', 'HOLIDAY');

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "supervisorName" TEXT NOT NULL,
    "supervisorEmail" TEXT NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" SERIAL NOT NULL,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" "Sector" NOT NULL,
    "category" TEXT,
    "township" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "operatingState" "OperatingState" NOT NULL DEFAULT 'OPERATING',
    "riskClass" TEXT NOT NULL DEFAULT 'B',
    "seriousViolation" BOOLEAN NOT NULL DEFAULT false,
    "abnormalOperation" BOOLEAN NOT NULL DEFAULT false,
    "penalized" BOOLEAN NOT NULL DEFAULT false,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inspector" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "certificateNo" TEXT NOT NULL,
    "certificateFrom" TIMESTAMP(3) NOT NULL,
    "certificateTo" TIMESTAMP(3) NOT NULL,
    "certificateStatus" "CertificateStatus" NOT NULL DEFAULT 'VALID',
    "unitId" INTEGER NOT NULL,
    "specialties" JSONB NOT NULL,
    "townships" JSONB NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "onLeave" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Inspector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Expert" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "idNo" TEXT NOT NULL,
    "employer" TEXT NOT NULL,
    "specialties" JSONB NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Expert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionItem" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "sector" "Sector" NOT NULL,
    "unitId" INTEGER NOT NULL,

    CONSTRAINT "InspectionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemVersion" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "effectiveTo" TIMESTAMP(3),
    "reviewState" "ReviewState" NOT NULL DEFAULT 'DRAFT',
    "reviewedBy" TEXT,
    "reviewedAt" TIMESTAMP(3),

    CONSTRAINT "ItemVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualPlan" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "inspectorRequirements" TEXT NOT NULL,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "returnReason" TEXT,
    "approvedBy" TEXT,
    "approvedAt" TIMESTAMP(3),
    "workflowId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanRound" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "roundNo" INTEGER NOT NULL,
    "drawDate" TIMESTAMP(3) NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "rule" JSONB NOT NULL,

    CONSTRAINT "PlanRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrawRecord" (
    "id" TEXT NOT NULL,
    "planRoundId" INTEGER,
    "kind" TEXT NOT NULL,
    "algorithmVersion" TEXT NOT NULL,
    "seedCommitment" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "inputDigest" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "outputs" JSONB NOT NULL,
    "supersedesId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DrawRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrawCommitment" (
    "drawId" TEXT NOT NULL,
    "commitment" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DrawCommitment_pkey" PRIMARY KEY ("drawId")
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" SERIAL NOT NULL,
    "workflowId" TEXT NOT NULL,
    "origin" "InspectionOrigin" NOT NULL,
    "originNote" TEXT,
    "unitId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "drawRecordId" TEXT,
    "stage" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "scheme" TEXT,
    "scheduledDate" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "publicationDue" TEXT,
    "publicationDueProvisional" BOOLEAN NOT NULL DEFAULT false,
    "enterpriseOpinion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Inspection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionMember" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "role" "MemberRole" NOT NULL,
    "inspectorId" INTEGER,
    "expertId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "drawRecordId" TEXT,

    CONSTRAINT "InspectionMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ItemResult" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "itemVersionId" INTEGER NOT NULL,
    "result" "ItemResultKind" NOT NULL DEFAULT 'NOT_CHECKED',
    "notes" TEXT,

    CONSTRAINT "ItemResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InspectionStep" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "stepKey" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recusal" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "inspectorId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "resolution" TEXT NOT NULL,
    "replacementId" INTEGER,
    "replacementRole" "MemberRole",
    "drawRecordId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recusal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Filing" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "formNo" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "copies" JSONB NOT NULL,
    "emailMessageId" TEXT,

    CONSTRAINT "Filing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackCard" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storagePath" TEXT NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "emailMessageId" TEXT,

    CONSTRAINT "FeedbackCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" SERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "inspectionId" INTEGER,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "EmailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Publication" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "platformEnteredAt" TIMESTAMP(3) NOT NULL,
    "creditYongzhouAt" TIMESTAMP(3) NOT NULL,
    "content" JSONB NOT NULL,
    "publishedBy" TEXT NOT NULL,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "decision" "FollowUpDecision" NOT NULL,
    "reasons" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "inspectionId" INTEGER,
    "planId" INTEGER,
    "deadline" TEXT NOT NULL,
    "level" "EscalationLevel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "key" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_creditCode_key" ON "Enterprise"("creditCode");

-- CreateIndex
CREATE UNIQUE INDEX "Inspector_certificateNo_key" ON "Inspector"("certificateNo");

-- CreateIndex
CREATE UNIQUE INDEX "Expert_idNo_key" ON "Expert"("idNo");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionItem_code_key" ON "InspectionItem"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ItemVersion_itemId_version_key" ON "ItemVersion"("itemId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualPlan_workflowId_key" ON "AnnualPlan"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualPlan_unitId_year_key" ON "AnnualPlan"("unitId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "PlanRound_planId_roundNo_key" ON "PlanRound"("planId", "roundNo");

-- CreateIndex
CREATE UNIQUE INDEX "DrawRecord_supersedesId_key" ON "DrawRecord"("supersedesId");

-- CreateIndex
CREATE UNIQUE INDEX "Inspection_workflowId_key" ON "Inspection"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "ItemResult_inspectionId_itemVersionId_key" ON "ItemResult"("inspectionId", "itemVersionId");

-- CreateIndex
CREATE UNIQUE INDEX "InspectionStep_inspectionId_stepKey_key" ON "InspectionStep"("inspectionId", "stepKey");

-- CreateIndex
CREATE UNIQUE INDEX "Recusal_inspectionId_inspectorId_key" ON "Recusal"("inspectionId", "inspectorId");

-- CreateIndex
CREATE UNIQUE INDEX "Filing_inspectionId_key" ON "Filing"("inspectionId");

-- CreateIndex
CREATE UNIQUE INDEX "Filing_formNo_key" ON "Filing"("formNo");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackCard_inspectionId_key" ON "FeedbackCard"("inspectionId");

-- CreateIndex
CREATE UNIQUE INDEX "EmailMessage_messageId_key" ON "EmailMessage"("messageId");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_inspectionId_key" ON "Publication"("inspectionId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_inspectionId_key" ON "FollowUp"("inspectionId");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_key_key" ON "Escalation"("key");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_key_key" ON "AuditLog"("key");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_prevHash_key" ON "AuditLog"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_hash_key" ON "AuditLog"("hash");

-- AddForeignKey
ALTER TABLE "Inspector" ADD CONSTRAINT "Inspector_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionItem" ADD CONSTRAINT "InspectionItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemVersion" ADD CONSTRAINT "ItemVersion_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InspectionItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualPlan" ADD CONSTRAINT "AnnualPlan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanRound" ADD CONSTRAINT "PlanRound_planId_fkey" FOREIGN KEY ("planId") REFERENCES "AnnualPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DrawRecord" ADD CONSTRAINT "DrawRecord_planRoundId_fkey" FOREIGN KEY ("planRoundId") REFERENCES "PlanRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DrawRecord" ADD CONSTRAINT "DrawRecord_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "DrawRecord"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inspection" ADD CONSTRAINT "Inspection_drawRecordId_fkey" FOREIGN KEY ("drawRecordId") REFERENCES "DrawRecord"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionMember" ADD CONSTRAINT "InspectionMember_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionMember" ADD CONSTRAINT "InspectionMember_inspectorId_fkey" FOREIGN KEY ("inspectorId") REFERENCES "Inspector"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionMember" ADD CONSTRAINT "InspectionMember_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemResult" ADD CONSTRAINT "ItemResult_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemResult" ADD CONSTRAINT "ItemResult_itemVersionId_fkey" FOREIGN KEY ("itemVersionId") REFERENCES "ItemVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InspectionStep" ADD CONSTRAINT "InspectionStep_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recusal" ADD CONSTRAINT "Recusal_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Filing" ADD CONSTRAINT "Filing_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackCard" ADD CONSTRAINT "FeedbackCard_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailMessage" ADD CONSTRAINT "EmailMessage_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE SET NULL ON UPDATE CASCADE;
