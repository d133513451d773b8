-- CreateTable
CREATE TABLE "DeadlineRecord" (
    "id" SERIAL NOT NULL,
    "inspectionId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "metAt" TIMESTAMP(3),

    CONSTRAINT "DeadlineRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineRecord_inspectionId_kind_key" ON "DeadlineRecord"("inspectionId", "kind");

-- AddForeignKey
ALTER TABLE "DeadlineRecord" ADD CONSTRAINT "DeadlineRecord_inspectionId_fkey" FOREIGN KEY ("inspectionId") REFERENCES "Inspection"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
