-- CreateTable
CREATE TABLE "DeadlineRecord" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "inspectionId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "metAt" DATETIME,
    CONSTRAINT "DeadlineRecord_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineRecord_inspectionId_kind_key" ON "DeadlineRecord"("inspectionId", "kind");
