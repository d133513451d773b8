-- CreateTable
CREATE TABLE "DrawFreeze" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "drawId" TEXT NOT NULL,
    "session" INTEGER NOT NULL,
    "inputDigest" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "participants" JSONB NOT NULL,
    "beacon" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "frozenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DrawSelection" (
    "drawId" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,

    PRIMARY KEY ("drawId", "enterpriseId")
);

-- CreateTable
CREATE TABLE "DrawLock" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DrawRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "planRoundId" INTEGER,
    "kind" TEXT NOT NULL,
    "algorithmVersion" TEXT NOT NULL,
    "seedCommitment" TEXT,
    "seed" TEXT,
    "entropy" JSONB,
    "inputDigest" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "outputs" JSONB NOT NULL,
    "supersedesId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DrawRecord_planRoundId_fkey" FOREIGN KEY ("planRoundId") REFERENCES "PlanRound" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "DrawRecord_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "DrawRecord" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_DrawRecord" ("algorithmVersion", "createdAt", "createdBy", "id", "inputDigest", "inputs", "kind", "outputs", "planRoundId", "seed", "seedCommitment", "supersedesId") SELECT "algorithmVersion", "createdAt", "createdBy", "id", "inputDigest", "inputs", "kind", "outputs", "planRoundId", "seed", "seedCommitment", "supersedesId" FROM "DrawRecord";
DROP TABLE "DrawRecord";
ALTER TABLE "new_DrawRecord" RENAME TO "DrawRecord";
CREATE UNIQUE INDEX "DrawRecord_supersedesId_key" ON "DrawRecord"("supersedesId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "DrawFreeze_drawId_session_key" ON "DrawFreeze"("drawId", "session");

-- CreateIndex
CREATE INDEX "DrawSelection_enterpriseId_year_idx" ON "DrawSelection"("enterpriseId", "year");

-- The draw lock's one row (docs/draw.md, section 8)
INSERT INTO "DrawLock" ("id", "version") VALUES (1, 0);
