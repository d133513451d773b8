-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Inspection" (
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
    "nextDueAt" DATETIME,
    "nextDueProvisional" BOOLEAN NOT NULL DEFAULT false,
    "enterpriseOpinion" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Inspection_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inspection_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Inspection_drawRecordId_fkey" FOREIGN KEY ("drawRecordId") REFERENCES "DrawRecord" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Inspection" ("createdAt", "drawRecordId", "endedAt", "enterpriseId", "enterpriseOpinion", "id", "nextDueAt", "origin", "originNote", "publicationDue", "publicationDueProvisional", "scheduledDate", "scheme", "stage", "unitId", "updatedAt", "windowEnd", "windowStart", "workflowId") SELECT "createdAt", "drawRecordId", "endedAt", "enterpriseId", "enterpriseOpinion", "id", "nextDueAt", "origin", "originNote", "publicationDue", "publicationDueProvisional", "scheduledDate", "scheme", "stage", "unitId", "updatedAt", "windowEnd", "windowStart", "workflowId" FROM "Inspection";
DROP TABLE "Inspection";
ALTER TABLE "new_Inspection" RENAME TO "Inspection";
CREATE UNIQUE INDEX "Inspection_workflowId_key" ON "Inspection"("workflowId");
CREATE INDEX "Inspection_unitId_nextDueAt_idx" ON "Inspection"("unitId", "nextDueAt");
CREATE INDEX "Inspection_nextDueAt_idx" ON "Inspection"("nextDueAt");
CREATE TABLE "new_DeadlineRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "metAt" DATETIME,
    CONSTRAINT "DeadlineRecord_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_DeadlineRecord" ("dueAt", "id", "inspectionId", "kind", "metAt") SELECT "dueAt", "id", "inspectionId", "kind", "metAt" FROM "DeadlineRecord";
DROP TABLE "DeadlineRecord";
ALTER TABLE "new_DeadlineRecord" RENAME TO "DeadlineRecord";
CREATE UNIQUE INDEX "DeadlineRecord_inspectionId_kind_key" ON "DeadlineRecord"("inspectionId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
