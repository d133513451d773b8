-- CreateTable
CREATE TABLE "Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "supervisorName" TEXT NOT NULL,
    "supervisorEmail" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "creditCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "category" TEXT,
    "township" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "operatingState" TEXT NOT NULL DEFAULT 'OPERATING',
    "riskClass" TEXT NOT NULL DEFAULT 'B',
    "seriousViolation" BOOLEAN NOT NULL DEFAULT false,
    "abnormalOperation" BOOLEAN NOT NULL DEFAULT false,
    "penalized" BOOLEAN NOT NULL DEFAULT false,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Inspector" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "certificateNo" TEXT NOT NULL,
    "certificateFrom" DATETIME NOT NULL,
    "certificateTo" DATETIME NOT NULL,
    "certificateStatus" TEXT NOT NULL DEFAULT 'VALID',
    "unitId" INTEGER NOT NULL,
    "specialties" JSONB NOT NULL,
    "townships" JSONB NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "onLeave" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Inspector_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Expert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "idNo" TEXT NOT NULL,
    "employer" TEXT NOT NULL,
    "specialties" JSONB NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "InspectionItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    CONSTRAINT "InspectionItem_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ItemVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "effectiveFrom" DATETIME NOT NULL,
    "effectiveTo" DATETIME,
    "reviewState" TEXT NOT NULL DEFAULT 'DRAFT',
    "reviewedBy" TEXT,
    "reviewedAt" DATETIME,
    CONSTRAINT "ItemVersion_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "InspectionItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnnualPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "inspectorRequirements" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "returnReason" TEXT,
    "approvedBy" TEXT,
    "approvedAt" DATETIME,
    "workflowId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AnnualPlan_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanRound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "planId" INTEGER NOT NULL,
    "roundNo" INTEGER NOT NULL,
    "drawDate" DATETIME NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "windowEnd" DATETIME NOT NULL,
    "rule" JSONB NOT NULL,
    CONSTRAINT "PlanRound_planId_fkey" FOREIGN KEY ("planId") REFERENCES "AnnualPlan" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DrawRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DrawRecord_planRoundId_fkey" FOREIGN KEY ("planRoundId") REFERENCES "PlanRound" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "DrawRecord_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "DrawRecord" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DrawCommitment" (
    "drawId" TEXT NOT NULL PRIMARY KEY,
    "commitment" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Inspection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workflowId" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "originNote" TEXT,
    "unitId" INTEGER NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "drawRecordId" TEXT,
    "stage" TEXT NOT NULL,
    "windowStart" DATETIME,
    "windowEnd" DATETIME,
    "scheme" TEXT,
    "scheduledDate" DATETIME,
    "endedAt" DATETIME,
    "publicationDue" TEXT,
    "publicationDueProvisional" BOOLEAN NOT NULL DEFAULT false,
    "enterpriseOpinion" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Inspection_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inspection_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inspection_drawRecordId_fkey" FOREIGN KEY ("drawRecordId") REFERENCES "DrawRecord" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionMember" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "inspectorId" INTEGER,
    "expertId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "drawRecordId" TEXT,
    CONSTRAINT "InspectionMember_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InspectionMember_inspectorId_fkey" FOREIGN KEY ("inspectorId") REFERENCES "Inspector" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "InspectionMember_expertId_fkey" FOREIGN KEY ("expertId") REFERENCES "Expert" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ItemResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "itemVersionId" INTEGER NOT NULL,
    "result" TEXT NOT NULL DEFAULT 'NOT_CHECKED',
    "notes" TEXT,
    CONSTRAINT "ItemResult_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ItemResult_itemVersionId_fkey" FOREIGN KEY ("itemVersionId") REFERENCES "ItemVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InspectionStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "stepKey" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InspectionStep_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Recusal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "inspectorId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "resolution" TEXT NOT NULL,
    "replacementId" INTEGER,
    "replacementRole" TEXT,
    "drawRecordId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Recusal_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Filing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "formNo" TEXT NOT NULL,
    "filedAt" DATETIME NOT NULL,
    "copies" JSONB NOT NULL,
    "emailMessageId" TEXT,
    CONSTRAINT "Filing_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FeedbackCard" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storagePath" TEXT NOT NULL,
    "uploadedBy" TEXT NOT NULL,
    "uploadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "emailMessageId" TEXT,
    CONSTRAINT "FeedbackCard_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EmailMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "messageId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "inspectionId" INTEGER,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EmailMessage_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Publication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "dueDate" TEXT NOT NULL,
    "platformEnteredAt" DATETIME NOT NULL,
    "creditYongzhouAt" DATETIME NOT NULL,
    "content" JSONB NOT NULL,
    "publishedBy" TEXT NOT NULL,
    CONSTRAINT "Publication_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "reasons" TEXT NOT NULL,
    "decidedBy" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    CONSTRAINT "FollowUp_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Escalation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "inspectionId" INTEGER,
    "planId" INTEGER,
    "deadline" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    CONSTRAINT "Escalation_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
