-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "category" TEXT,
ADD COLUMN     "categoryName" TEXT;

-- CreateTable
CREATE TABLE "PublicationCategory" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "problems" BOOLEAN,

    CONSTRAINT "PublicationCategory_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublicationCategory_name_key" ON "PublicationCategory"("name");

-- The national categories (国家企业信用信息公示系统), as src/domain/glossary.ts names them.
INSERT INTO "PublicationCategory" ("code", "name", "sortOrder", "active", "problems") VALUES
  ('NO_PROBLEM', '未发现问题', 10, true, false),
  ('CORRECTED', '发现问题已责令改正', 20, true, true),
  ('PENDING_FOLLOW_UP', '发现问题待后续处理', 30, true, true),
  ('NOT_OPERATING', '未发现开展本次抽查涉及的经营活动', 40, true, NULL),
  ('REFUSED', '不配合检查情节严重', 50, true, NULL),
  ('UNREACHABLE', '通过登记的住所（经营场所）无法联系', 60, true, NULL);
