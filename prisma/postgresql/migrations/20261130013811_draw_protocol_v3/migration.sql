-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'OBSERVER';

-- AlterTable
ALTER TABLE "DrawRecord" ADD COLUMN     "entropy" JSONB,
ALTER COLUMN "seedCommitment" DROP NOT NULL,
ALTER COLUMN "seed" DROP NOT NULL;

-- CreateTable
CREATE TABLE "DrawFreeze" (
    "id" SERIAL NOT NULL,
    "drawId" TEXT NOT NULL,
    "session" INTEGER NOT NULL,
    "inputDigest" TEXT NOT NULL,
    "inputs" JSONB NOT NULL,
    "participants" JSONB NOT NULL,
    "beacon" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "frozenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DrawFreeze_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrawSelection" (
    "drawId" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "DrawSelection_pkey" PRIMARY KEY ("drawId","enterpriseId")
);

-- CreateTable
CREATE TABLE "DrawLock" (
    "id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DrawLock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DrawFreeze_drawId_session_key" ON "DrawFreeze"("drawId", "session");

-- CreateIndex
CREATE INDEX "DrawSelection_enterpriseId_year_idx" ON "DrawSelection"("enterpriseId", "year");

-- The draw lock's one row (docs/draw.md, section 8)
INSERT INTO "DrawLock" ("id", "version") VALUES (1, 0);
